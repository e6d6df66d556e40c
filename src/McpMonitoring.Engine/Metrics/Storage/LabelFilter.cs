using System.Collections;
using System.Diagnostics.CodeAnalysis;
using McpMonitoring.Engine.Alerting;
using MatchType = McpMonitoring.Engine.Alerting.MatchType;

namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>
/// Applies matchers to label sets without building a dictionary per series: equality is compared directly, and a
/// regex is run once per distinct value (thousands of series share a few hundred values), answered from a cache after.
/// </summary>
/// <remarks>One instance per selection; not thread-safe.</remarks>
internal sealed class LabelFilter(IReadOnlyList<Matcher> matchers)
{
    private readonly Dictionary<string, bool>?[] _cache = new Dictionary<string, bool>?[matchers.Count];
    private readonly SingleLabel _view = new();

    public bool Matches(LabelSet labels)
    {
        for (var i = 0; i < matchers.Count; i++)
        {
            var matcher = matchers[i];
            var actual = labels.Get(matcher.Name) ?? "";
            var ok = matcher.Type switch
            {
                MatchType.Equal => actual == matcher.Value,
                MatchType.NotEqual => actual != matcher.Value,
                _ => MatchesRegex(i, matcher, actual),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private bool MatchesRegex(int index, Matcher matcher, string actual)
    {
        var cache = _cache[index] ??= new Dictionary<string, bool>(StringComparer.Ordinal);
        if (!cache.TryGetValue(actual, out var result))
        {
            _view.Set(matcher.Name, actual);
            cache[actual] = result = matcher.Matches(_view);
        }

        return result;
    }

    /// <summary>A one-label dictionary: what <see cref="Matcher.Matches"/> reads, without allocating per call.</summary>
    private sealed class SingleLabel : IReadOnlyDictionary<string, string>
    {
        private string _name = "";
        private string _value = "";

        public int Count => 1;

        public IEnumerable<string> Keys => [_name];

        public IEnumerable<string> Values => [_value];

        public string this[string key] => key == _name ? _value : throw new KeyNotFoundException(key);

        public void Set(string name, string value)
        {
            _name = name;
            _value = value;
        }

        public bool ContainsKey(string key) => key == _name;

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
        {
            value = key == _name ? _value : null;
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            yield return new KeyValuePair<string, string>(_name, _value);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
