using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace McpMonitoring.Engine.Storage.Configurations;

/// <summary>SQLite keeps no DateTimeKind: everything stored is UTC, and is read back as UTC.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
