using System.IO.Hashing;
using System.Text;
using McpMonitoring.Engine.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>One entry of <c>inhibit_rules</c> in config/alerting.yml (Alertmanager's shape, matchers as strings).</summary>
public sealed class InhibitRuleYaml
{
    /// <summary>Stable id; without one the id is derived from the rule's content, so editing the YAML imports a new rule.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<string> SourceMatchers { get; set; } = [];

    public List<string> TargetMatchers { get; set; } = [];

    public List<string> Equal { get; set; } = [];
}

/// <summary>
/// Reads the <c>inhibit_rules</c> section of config/alerting.yml. Other sections of the file (routes, receivers)
/// belong to other readers and are skipped here, while keys inside a rule are checked strictly.
/// </summary>
public static class InhibitionRulesYaml
{
    public static IReadOnlyList<(string Id, InhibitionRuleInput Input)> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        List<InhibitRuleYaml> rules = [];
        try
        {
            using var reader = File.OpenText(path);
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _) || !parser.TryConsume<DocumentStart>(out _) || !parser.Accept<MappingStart>(out _))
            {
                return [];
            }

            parser.Consume<MappingStart>();
            var deserializer = YamlConfig.CreateDeserializer();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>();
                if (key.Value == "inhibit_rules")
                {
                    rules = deserializer.Deserialize<List<InhibitRuleYaml>?>(parser) ?? [];
                }
                else
                {
                    parser.SkipThisAndNestedEvents();
                }
            }
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            throw new InvalidDataException($"{path} line {ex.Start.Line}, column {ex.Start.Column}: {message}", ex);
        }

        var result = new List<(string, InhibitionRuleInput)>();
        var problems = new List<string>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            try
            {
                var input = new InhibitionRuleInput
                {
                    Name = rule.Name,
                    SourceMatchers = [.. rule.SourceMatchers.Select(m => MatcherSpec.From(Matcher.Parse(m)))],
                    TargetMatchers = [.. rule.TargetMatchers.Select(m => MatcherSpec.From(Matcher.Parse(m)))],
                    Equal = rule.Equal,
                };
                result.Add((rule.Id ?? DerivedId(rule), input));
            }
            catch (FormatException ex)
            {
                problems.Add($"{path}: inhibit_rules[{i}]: {ex.Message}");
            }
        }

        return problems.Count > 0 ? throw new InvalidDataException(string.Join(Environment.NewLine, problems)) : result;
    }

    private static string DerivedId(InhibitRuleYaml rule)
    {
        var canonical = string.Join('\n', [string.Join('\u001f', rule.SourceMatchers), string.Join('\u001f', rule.TargetMatchers), string.Join('\u001f', rule.Equal)]);
        return $"config-{XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(canonical)):x16}";
    }
}
