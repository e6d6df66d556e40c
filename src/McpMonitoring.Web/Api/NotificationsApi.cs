using System.Text.Json;
using McpMonitoring.Engine.Notifications;
using McpMonitoring.Engine.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>/notifications: the outbox, newest first; filter by state (pending, sent, dead) and receiver.</summary>
public static class NotificationsApi
{
    private static readonly string[] States = [NotificationOutbox.Pending, NotificationOutbox.Sent, NotificationOutbox.Dead];

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/notifications").WithTags("Notifications");
        group.MapGet("", List).WithSummary("Outbox rows, newest first (state, receiver, paging)");
        group.MapGet("/{id}", Get).WithSummary("One notification with its payload");
        return app;
    }

    public static async Task<Results<Ok<NotificationPage>, ValidationProblem>> List(
        NotificationOutbox outbox, CancellationToken cancellationToken, string? state = null, string? receiver = null, int offset = 0, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is not null && !States.Contains(state))
        {
            errors["state"] = [$"state must be one of {string.Join(", ", States)}."];
        }

        if (offset < 0)
        {
            errors["offset"] = ["offset must not be negative."];
        }

        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["limit must be between 1 and 1000."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (total, items) = await outbox.QueryAsync(state, receiver, offset, limit, cancellationToken);
        return TypedResults.Ok(new NotificationPage(total, offset, limit, [.. items.Select(r => NotificationView.From(r, includePayload: false))]));
    }

    public static async Task<Results<Ok<NotificationView>, ProblemHttpResult>> Get(string id, NotificationOutbox outbox, CancellationToken cancellationToken) =>
        await outbox.FindAsync(id, cancellationToken) is { } row
            ? TypedResults.Ok(NotificationView.From(row, includePayload: true))
            : TypedResults.Problem(statusCode: 404, title: "Not Found", detail: $"no notification with id {id}.");
}

public sealed record NotificationPage(int Total, int Offset, int Limit, IReadOnlyList<NotificationView> Items);

public sealed record NotificationView(
    string Id,
    string Receiver,
    string Channel,
    int ChannelIndex,
    string Kind,
    string Status,
    string State,
    string GroupKey,
    int AlertCount,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? SentAt,
    string? LastError,
    NotificationMessage? Payload)
{
    public static NotificationView From(NotificationEntity r, bool includePayload) => new(
        r.Id, r.Receiver, r.Channel, r.ChannelIndex, r.Kind, r.Status, r.State, r.GroupKey, r.AlertCount, r.Attempts,
        DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtMs),
        r.State == NotificationOutbox.Pending ? DateTimeOffset.FromUnixTimeMilliseconds(r.NextAttemptAtMs) : null,
        r.LastAttemptAtMs is { } a ? DateTimeOffset.FromUnixTimeMilliseconds(a) : null,
        r.SentAtMs is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null,
        r.LastError,
        includePayload ? JsonSerializer.Deserialize<NotificationMessage>(r.PayloadJson, NotificationMessage.Json) : null);
}
