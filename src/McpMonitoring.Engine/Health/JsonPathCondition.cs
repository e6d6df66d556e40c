using System.Globalization;
using System.Text.Json;

namespace McpMonitoring.Engine.Health;

/// <summary>
/// The subset of JSONPath a health body check needs: <c>$</c>, <c>.name</c>, <c>['name']</c> and <c>[index]</c>.
/// Filters and wildcards are rejected at validation, so a check never silently matches nothing.
/// </summary>
public sealed class JsonPathCondition
{
    private readonly object[] _segments;

    private JsonPathCondition(object[] segments) => _segments = segments;

    public static bool TryParse(string path, out JsonPathCondition? condition, out string? error)
    {
        condition = null;
        error = null;
        var segments = new List<object>();
        if (!path.StartsWith('$'))
        {
            error = $"jsonPath '{path}' must start with '$'.";
            return false;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] != '.' && path[i] != '[')
                {
                    i++;
                }

                var name = path[start..i];
                if (name.Length == 0 || name == "*")
                {
                    error = $"jsonPath '{path}' has an empty or wildcard member at position {start}.";
                    return false;
                }

                segments.Add(name);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    error = $"jsonPath '{path}' has an unclosed '['.";
                    return false;
                }

                var inner = path[(i + 1)..end];
                if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
                {
                    segments.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(index);
                }
                else
                {
                    error = $"jsonPath '{path}' supports only member names and array indexes, not '[{inner}]'.";
                    return false;
                }

                i = end + 1;
            }
            else
            {
                error = $"jsonPath '{path}' has an unexpected '{path[i]}' at position {i}.";
                return false;
            }
        }

        condition = new JsonPathCondition([.. segments]);
        return true;
    }

    /// <summary>Finds the value at the path; false when any step is missing.</summary>
    public bool TryEvaluate(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var segment in _segments)
        {
            switch (segment)
            {
                case string name when value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var child):
                    value = child;
                    break;
                case int index when value.ValueKind == JsonValueKind.Array && index < value.GetArrayLength():
                    value = value[index];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Text form used to compare with the expected value: strings unquoted, everything else raw JSON.</summary>
    public static string ToText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
