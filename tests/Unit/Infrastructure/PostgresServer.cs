using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster (Debian's postgresql package) for one test class: initdb into a temp
/// folder owned by the <c>postgres</c> OS user (initdb refuses root), started with pg_ctl on 127.0.0.1 and
/// a free port plus a unix socket under the temp folder, stopped (<c>-m fast</c>) and deleted on dispose.
/// Superuser <see cref="Superuser"/> is trusted on 127.0.0.1; role <see cref="PasswordUser"/> must give
/// <see cref="Password"/> (scram), so a wrong password really fails. Not installed: fails, never skips.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Superuser = "postgres";
    public const string PasswordUser = "monitor";
    public const string Password = "monitor-secret";
    private const string OsUser = "postgres";

    private readonly string _binDir;
    private readonly string _root;
    private readonly bool _asRoot = Environment.UserName == "root";
    private bool _running;
    private int _databases;

    public PostgresServer()
    {
        _binDir = FindBinDir();
        _root = Path.Combine(
            Path.GetTempPath(),
            "mcpmon-pg-" + Guid.NewGuid().ToString("N")[..12]);
    }

    public int Port { get; private set; }

    public string DataDir => Path.Combine(_root, "data");

    public string SocketDir => Path.Combine(_root, "sock");

    /// <summary>Superuser on database <c>postgres</c> over TCP (what the console and probes use).</summary>
    public string ConnectionString => For("postgres");

    /// <summary>A TCP connection string for <paramref name="database"/> as <paramref name="user"/> (superuser by default).</summary>
    public string For(string database, string user = Superuser, string? password = null)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = user,
            Database = database,
            Timeout = 5,
        };
        if (password is not null)
        {
            builder.Password = password;
        }

        return builder.ConnectionString;
    }

    /// <summary>Creates a fresh, empty database and returns its (superuser) connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        return For(name);
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(SocketDir);
        if (_asRoot)
        {
            // The postgres user must reach the folder (temp folders are 0700 root) and own what it writes.
            await RunAsync("chown", ["-R", $"{OsUser}:{OsUser}", _root], asPostgres: false);
        }

        await RunAsync(Path.Combine(_binDir, "initdb"),
            ["-D", DataDir, "-U", Superuser, "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions",
             "--auth-local=trust", "--auth-host=trust"]);
        // First match wins: the password role over TCP must authenticate, everyone else is trusted.
        await File.WriteAllTextAsync(Path.Combine(DataDir, "pg_hba.conf"),
            "local all all trust\n" +
            $"host all {PasswordUser} 127.0.0.1/32 scram-sha-256\n" +
            "host all all 127.0.0.1/32 trust\n");

        Port = FreePort();
        var options = string.Join(' ',
            "-h 127.0.0.1",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            $"-k {SocketDir}",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=200");
        // -w: pg_ctl itself polls until the server accepts connections (or -t seconds pass).
        await RunAsync(Path.Combine(_binDir, "pg_ctl"),
            ["-D", DataDir, "-l", Path.Combine(_root, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        _running = true;

        // And from this process's side: a real Npgsql connection over TCP.
        Exception? last = null;
        var ready = SpinWait.SpinUntil(() =>
        {
            try
            {
                using var connection = new NpgsqlConnection(For("postgres") + ";Pooling=false");
                connection.Open();
                return true;
            }
            catch (NpgsqlException ex)
            {
                last = ex;
                return false;
            }
        }, TimeSpan.FromSeconds(30));
        if (!ready)
        {
            throw new InvalidOperationException($"PostgreSQL on 127.0.0.1:{Port} never accepted connections: {last?.Message}\n{ServerLog()}");
        }

        await ExecuteAsync($"CREATE ROLE {PasswordUser} LOGIN PASSWORD '{Password}'", TestContext.Current.CancellationToken);
    }

    /// <summary>Stops the server (fast: open sessions are ended); the data folder stays until dispose.</summary>
    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }

        await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDir, "-m", "fast", "-w", "-t", "60", "stop"]);
        _running = false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }

    private static string FindBinDir()
    {
        const string Hint = "install postgresql: scripts/test.sh does it";
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions
            .Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var n) ? n : 0)
            .FirstOrDefault();
        return bin ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin): {Hint}.");
    }

    private async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres = true)
    {
        var start = new ProcessStartInfo(asPostgres && _asRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres user cannot read root's working folder; some tools chdir-check it.
            WorkingDirectory = _root,
        };
        if (asPostgres && _asRoot)
        {
            foreach (var arg in new[] { "-u", OsUser, "--", file })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}\n{ServerLog()}");
        }
    }

    private string ServerLog()
    {
        var log = Path.Combine(_root, "server.log");
        return File.Exists(log) ? "server.log:\n" + File.ReadAllText(log) : "";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
