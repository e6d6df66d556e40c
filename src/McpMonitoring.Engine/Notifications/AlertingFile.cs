using McpMonitoring.Engine.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace McpMonitoring.Engine.Notifications;

/// <summary>
/// The <c>route:</c> and <c>receivers:</c> sections of config/alerting.yml, in Alertmanager's YAML shape. Other
/// top-level keys (inhibit_rules, global, templates, ...) belong to other features and are skipped; inside these two
/// sections unknown keys are errors that name the line.
/// </summary>
public sealed class AlertingFile
{
    public RouteConfig? Route { get; set; }

    public List<ReceiverConfig>? Receivers { get; set; }

    public static AlertingFile Load(string path)
    {
        var file = new AlertingFile();
        try
        {
            using var reader = File.OpenText(path);
            var parser = new Parser(reader);
            var deserializer = YamlConfig.CreateDeserializer();
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return file;
            }

            parser.Consume<DocumentStart>();
            if (parser.TryConsume<Scalar>(out _))
            {
                // An empty document.
                return file;
            }

            parser.Consume<MappingStart>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>().Value;
                switch (key)
                {
                    case "route":
                        file.Route = deserializer.Deserialize<RouteConfig?>(parser);
                        break;
                    case "receivers":
                        file.Receivers = deserializer.Deserialize<List<ReceiverConfig>?>(parser);
                        break;
                    default:
                        parser.SkipThisAndNestedEvents();
                        break;
                }
            }

            return file;
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            throw new InvalidDataException($"{path} line {ex.Start.Line}, column {ex.Start.Column}: {message}", ex);
        }
    }
}
