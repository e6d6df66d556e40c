using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;
using static McpMonitoring.Tests.Unit.Notifications.NotificationApp;

namespace McpMonitoring.Tests.Unit.Notifications;

/// <summary>/routes and /receivers: validation naming the path, secrets redacted and kept, operator changes winning over the file.</summary>
public sealed class NotificationConfigApiTests
{
    private const string Secret = "s3cr3t-T0ken";

    private static string Yaml(Uri receiverBase) => $"""
        global:
          resolve_timeout: 5m
        route:
          receiver: ops
          group_by: ['...']
          group_wait: 0s
          routes:
            - matchers: ['team="db"']
              receiver: db
        receivers:
          - name: ops
            webhook_configs:
              - url: {new Uri(receiverBase, "/ops")}
                http_config:
                  bearer_token: {Secret}
          - name: db
            slack_configs:
              - api_url: {new Uri(receiverBase, $"/services/{Secret}")}
          - name: mail
            email_configs:
              - to: [a@example.com]
                from: monitoring@example.com
                host: 127.0.0.1
                username: monitor
                password: {Secret}
        inhibit_rules:
          - source_matchers: ['severity="CRITICAL"']
            target_matchers: ['severity="WARNING"']
        """;

    [Fact]
    public async Task Receivers_SecretsRedactedInResponses_KeptOnPut_NeverLogged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await RecordingReceiver.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var app = Create(Yaml(receiver.BaseAddress), logs: logs);
        var client = app.CreateClient();

        var list = await client.GetStringAsync("/receivers", ct);
        Assert.DoesNotContain(Secret, list, StringComparison.Ordinal);
        var ops = Get(client, "/receivers/ops");
        Assert.Equal("<secret>", ops.GetProperty("webhookConfigs")[0].GetProperty("httpConfig").GetProperty("bearerToken").GetString());
        Assert.Equal("<secret>", Get(client, "/receivers/db").GetProperty("slackConfigs")[0].GetProperty("apiUrl").GetString());
        Assert.Equal("<secret>", Get(client, "/receivers/mail").GetProperty("emailConfigs")[0].GetProperty("password").GetString());

        // A PUT without the token (a client that round-trips what GET gave, or leaves it out) keeps the stored one.
        var put = await client.PutAsync("/receivers/ops", Json($$"""{"webhookConfigs":[{"url":"{{receiver.Url("/ops-v2")}}","sendResolved":false}]}"""), ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.DoesNotContain(Secret, await put.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/receivers/ops/test", null, ct)).StatusCode);
        Wait.Until(() => !receiver.Requests.IsEmpty, "the test notification arrives");
        receiver.Requests.TryDequeue(out var request);
        Assert.Equal("/ops-v2", request!.Path);
        Assert.Equal($"Bearer {Secret}", request.Headers["Authorization"]);

        // Deliveries and failures on the secret channels are logged without the secrets.
        await RaiseAsync(client, "Replication", labelsJson: """{"team":"db"}""");
        Wait.Until(() => !receiver.Requests.IsEmpty, "Slack (the recorder) gets the alert");
        receiver.StatusCode = 500;
        await client.PostAsync("/receivers/db/test", null, ct);
        Wait.Until(() => logs.Lines.Any(l => l.Contains("retrying", StringComparison.Ordinal)), "the retry is logged");
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, await client.GetStringAsync("/notifications", ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receivers_Crud_ValidationAndConflicts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await RecordingReceiver.StartAsync();
        await using var app = Create(Yaml(receiver.BaseAddress));
        var client = app.CreateClient();

        var bad = await client.PostAsync("/receivers", Json("""{"name":"x","emailConfigs":[{"to":["nope"],"host":"smtp","security":"ssl"}]}"""), ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(ct);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("receiver.email_configs[0].security", out _));
        Assert.True(errors.TryGetProperty("receiver.email_configs[0].from", out _));
        Assert.True(errors.TryGetProperty("receiver.email_configs[0].to[0]", out _));

        var unknownField = await client.PostAsync("/receivers", Json("""{"name":"x","pagerdutyConfigs":[]}"""), ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);

        var created = await client.PostAsync("/receivers", Json("""{"name":"chat","slackConfigs":[{"apiUrl":"https://hooks.slack.com/services/A/B/C"}]}"""), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/receivers", Json("""{"name":"chat","logConfigs":[{}]}"""), ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync("/receivers/db", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/receivers/chat", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/receivers/chat", ct)).StatusCode);
    }

    [Fact]
    public async Task Routes_InvalidTree_RejectedNamingThePath()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await RecordingReceiver.StartAsync();
        await using var app = Create(Yaml(receiver.BaseAddress));
        var client = app.CreateClient();

        var response = await client.PutAsync("/routes", Json("""
            {"receiver":"ops","routes":[{"receiver":"ghost","matchers":["team=~\"(\""],"groupWait":"soon","escalateAfter":"15m","escalateTo":"nobody"}]}
            """), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("errors");
        Assert.Equal("unknown receiver 'ghost'.", errors.GetProperty("route.routes[0].receiver")[0].GetString());
        Assert.Contains("regular expression", errors.GetProperty("route.routes[0].matchers[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'soon' is not a duration", errors.GetProperty("route.routes[0].group_wait")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("route.routes[0].escalate_to", out _));
        Assert.Equal("db", Get(client, "/routes").GetProperty("routes")[0].GetProperty("receiver").GetString());
    }

    [Fact]
    public async Task Restart_OperatorChangesWinOverTheFile()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await RecordingReceiver.StartAsync();
        var first = Create(Yaml(receiver.BaseAddress));
        var client = first.CreateClient();
        var put = await client.PutAsync("/routes", Json("""{"receiver":"mail","groupBy":["alertname"],"repeatInterval":"1h","escalateAfter":"10m","escalateTo":"db"}"""), ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/receivers/ops", ct)).StatusCode);
        await first.DisposeAsync();

        await using var second = Create(null, dataDir: first.DataDir);
        var again = second.CreateClient();
        var route = Get(again, "/routes");
        Assert.Equal("mail", route.GetProperty("receiver").GetString());
        Assert.Equal("1h", route.GetProperty("repeatInterval").GetString());
        Assert.Equal("10m", route.GetProperty("escalateAfter").GetString());
        var names = Get(again, "/receivers").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(["db", "mail"], names);
    }
}
