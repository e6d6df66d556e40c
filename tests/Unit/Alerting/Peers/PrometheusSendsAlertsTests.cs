using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Alerting.Peers;

/// <summary>A real Prometheus (Debian package) with a firing rule sends its alerts to the console's /api/v2/alerts.</summary>
public sealed class PrometheusSendsAlertsTests
{
    [Fact]
    public async Task Prometheus_FiringRule_ArrivesInConsole()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var console = new MonitoringAppFactory();
        var address = console.StartOnSocket();
        using var client = new HttpClient { BaseAddress = address };

        // resend-delay 1s: Prometheus drops the very first notification when its Alertmanager list is not yet
        // discovered, and would otherwise wait a minute to resend.
        await using var prometheus = await PeerProcess.StartAsync("prometheus", (port, dir) =>
        {
            File.WriteAllText(Path.Combine(dir, "rules.yml"), """
                groups:
                  - name: test
                    interval: 1s
                    rules:
                      - alert: AlwaysFiring
                        expr: vector(1) > 0
                        labels: {severity: critical, team: automation}
                        annotations: {summary: "from a real Prometheus"}
                """);
            File.WriteAllText(Path.Combine(dir, "prometheus.yml"), $$"""
                global: {evaluation_interval: 1s, scrape_interval: 15s}
                rule_files: [{{Path.Combine(dir, "rules.yml")}}]
                alerting:
                  alertmanagers:
                    - api_version: v2
                      static_configs: [{targets: ["127.0.0.1:{{address.Port}}"]}]
                """);
            return $"--config.file={Path.Combine(dir, "prometheus.yml")} --storage.tsdb.path={Path.Combine(dir, "data")} " +
                   $"--web.listen-address=127.0.0.1:{port} --rules.alert.resend-delay=1s";
        });

        JsonElement alert = default;
        WaitOrExplain(prometheus, () =>
        {
            var page = client.GetFromJsonAsync<JsonElement>("/alerts?source=alertmanager", ct).GetAwaiter().GetResult();
            var items = page.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("name").GetString() == "AlwaysFiring").ToList();
            alert = items.FirstOrDefault();
            return items.Count == 1;
        });

        Assert.Equal("CRITICAL", alert.GetProperty("severity").GetString());
        Assert.Equal("automation", alert.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal("from a real Prometheus", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("alertmanager", alert.GetProperty("source").GetString());
        Assert.Contains("/graph", alert.GetProperty("generatorUrl").GetString(), StringComparison.Ordinal);
    }

    private static void WaitOrExplain(PeerProcess prometheus, Func<bool> condition)
    {
        try
        {
            Wait.Until(condition, "Prometheus' AlwaysFiring alert arrives", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nPrometheus said:\n{prometheus.Output}", ex);
        }
    }
}
