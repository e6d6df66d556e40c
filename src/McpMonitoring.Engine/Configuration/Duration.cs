using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Configuration;

/// <summary>
/// Prometheus-style durations (<c>500ms</c>, <c>15s</c>, <c>1m30s</c>, <c>1h</c>, <c>30d</c>, <c>1w</c>, <c>1y</c>),
/// used in YAML and JSON alike so an operator writes the same thing everywhere.
/// </summary>
public static class Duration
{
    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("ms", TimeSpan.FromMilliseconds(1)), ("s", TimeSpan.FromSeconds(1)), ("m", TimeSpan.FromMinutes(1)),
        ("h", TimeSpan.FromHours(1)), ("d", TimeSpan.FromDays(1)), ("w", TimeSpan.FromDays(7)), ("y", TimeSpan.FromDays(365)),
    ];

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.SequenceEqual("0"))
        {
            return true;
        }

        var total = TimeSpan.Zero;
        var lastUnitIndex = -1;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && char.IsAsciiDigit(span[digits]))
            {
                digits++;
            }

            if (digits == 0 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            span = span[digits..];
            var unitIndex = -1;
            // "ms" must be tried before "m".
            if (span.StartsWith("ms"))
            {
                unitIndex = 0;
            }
            else
            {
                for (var i = 1; i < Units.Length; i++)
                {
                    if (span.StartsWith(Units[i].Unit))
                    {
                        unitIndex = i;
                        break;
                    }
                }
            }

            // Units must appear from largest to smallest, once each, as Prometheus requires.
            if (unitIndex < 0 || (lastUnitIndex >= 0 && unitIndex >= lastUnitIndex))
            {
                return false;
            }

            lastUnitIndex = unitIndex;
            total += Units[unitIndex].Size * number;
            span = span[Units[unitIndex].Unit.Length..];
        }

        value = total;
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a duration; use Prometheus style such as 500ms, 15s, 1m, 1h or 30d.");

    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        var remaining = value;
        for (var i = Units.Length - 1; i >= 0; i--)
        {
            var (unit, size) = Units[i];
            // Years and weeks are only used when exact, to keep "30d" readable.
            if (i >= 5 && remaining.Ticks % size.Ticks != 0)
            {
                continue;
            }

            var count = remaining.Ticks / size.Ticks;
            if (count > 0)
            {
                builder.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                remaining -= size * count;
            }
        }

        return builder.ToString();
    }
}

/// <summary>Reads a duration string ("15s") or a number of seconds; writes the string form.</summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return TimeSpan.FromSeconds(reader.GetDouble());
        }

        var text = reader.GetString();
        return Duration.TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a duration; use Prometheus style such as 500ms, 15s, 1m or 1h.");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Duration.Format(value));
}

/// <summary>Nullable variant of <see cref="DurationJsonConverter"/>.</summary>
public sealed class NullableDurationJsonConverter : JsonConverter<TimeSpan?>
{
    private static readonly DurationJsonConverter Inner = new();

    public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(TimeSpan), options);

    public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            Inner.Write(writer, value.Value, options);
        }
    }
}
