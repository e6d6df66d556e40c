namespace McpMonitoring.Web.Api;

/// <summary>The one paging rule of every list endpoint: offset from 0, at most 1000 items a page.</summary>
internal static class Paging
{
    public const int MaxLimit = 1000;

    public static void Validate(int offset, int limit, Dictionary<string, string[]> errors)
    {
        if (offset < 0)
        {
            errors["offset"] = ["offset must not be negative."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }
    }
}
