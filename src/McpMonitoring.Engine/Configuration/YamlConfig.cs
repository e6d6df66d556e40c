using McpMonitoring.Engine.Health;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace McpMonitoring.Engine.Configuration;

/// <summary>YAML for config files: snake_case keys, Prometheus durations, lowercase kinds, unknown keys rejected.</summary>
public static class YamlConfig
{
    public static IDeserializer CreateDeserializer() => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithTypeConverter(new DurationYamlConverter())
        .WithTypeConverter(new LowercaseEnumYamlConverter<TargetKind>())
        .Build();

    /// <summary>Reads a file into <typeparamref name="T"/>; the exception names the file and the line.</summary>
    public static T Load<T>(string path)
        where T : new()
    {
        try
        {
            using var reader = File.OpenText(path);
            return CreateDeserializer().Deserialize<T>(reader) ?? new T();
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            throw new InvalidDataException($"{path} line {ex.Start.Line}, column {ex.Start.Column}: {message}", ex);
        }
    }

    private sealed class DurationYamlConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(TimeSpan) || type == typeof(TimeSpan?);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            var scalar = parser.Consume<Scalar>();
            if (type == typeof(TimeSpan?) && scalar.Value is "" or "null" or "~")
            {
                return null;
            }

            return Duration.TryParse(scalar.Value, out var value)
                ? value
                : throw new YamlException(scalar.Start, scalar.End, $"'{scalar.Value}' is not a duration; use 500ms, 15s, 1m, 1h or 30d.");
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            emitter.Emit(new Scalar(value is TimeSpan span ? Duration.Format(span) : ""));
    }

    private sealed class LowercaseEnumYamlConverter<TEnum> : IYamlTypeConverter
        where TEnum : struct, Enum
    {
        public bool Accepts(Type type) => type == typeof(TEnum);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            var scalar = parser.Consume<Scalar>();
            return Enum.TryParse<TEnum>(scalar.Value, ignoreCase: true, out var value) && !int.TryParse(scalar.Value, out _)
                ? value
                : throw new YamlException(scalar.Start, scalar.End,
                    $"'{scalar.Value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.");
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            emitter.Emit(new Scalar(value?.ToString()?.ToLowerInvariant() ?? ""));
    }
}

/// <summary>The shape of config/targets.yml.</summary>
public sealed class TargetsFile
{
    public List<TargetDefinition> Targets { get; set; } = [];
}
