using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Cluster;

/// <summary>
/// Where cells run: <c>local</c> (a silo inside this process, localhost clustering) or <c>redis://HOST[:PORT][/CLUSTER]</c>
/// (silos started by <c>pipeline worker</c> that meet in that Redis; PORT defaults to 6379 and CLUSTER, the Orleans
/// cluster id that keeps several clusters on one Redis apart, to <c>pipeline</c>).
/// </summary>
/// <param name="RedisHost">Redis host name or address; null for the in-process silo.</param>
/// <param name="RedisPort">Redis port.</param>
/// <param name="ClusterId">The Orleans cluster id.</param>
public sealed partial record ClusterAddress(string? RedisHost, int RedisPort, string ClusterId)
{
    /// <summary>The default Redis port.</summary>
    public const int DefaultRedisPort = 6379;

    /// <summary>The default cluster id.</summary>
    public const string DefaultClusterId = "pipeline";

    /// <summary>The accepted forms, for messages.</summary>
    public const string Forms = "`local` or `redis://HOST[:PORT][/CLUSTER]`";

    /// <summary>A silo inside this process.</summary>
    public static ClusterAddress Local { get; } = new(null, 0, DefaultClusterId);

    /// <summary>True for the in-process silo.</summary>
    public bool IsLocal => RedisHost is null;

    /// <summary><c>HOST:PORT</c> of the Redis server (StackExchange.Redis's form).</summary>
    public string RedisEndpoint => string.Create(CultureInfo.InvariantCulture, $"{RedisHost}:{RedisPort}");

    /// <summary>Parses a <c>--cluster</c> value; null with <paramref name="problem"/> set when it is not one.</summary>
    public static ClusterAddress? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (text == "local") return Local;
        var match = RedisForm().Match(text);
        if (!match.Success)
        {
            problem = $"--cluster '{text}' is not a cluster address: expected {Forms}";
            return null;
        }
        var port = DefaultRedisPort;
        if (match.Groups["port"].Success
            && (!int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            problem = $"--cluster '{text}': the port must be a whole number from 1 to 65535";
            return null;
        }
        var cluster = match.Groups["cluster"].Success ? match.Groups["cluster"].Value : DefaultClusterId;
        return new ClusterAddress(match.Groups["host"].Value, port, cluster);
    }

    /// <inheritdoc />
    public override string ToString() => IsLocal ? "local" : $"redis://{RedisEndpoint}/{ClusterId}";

    [GeneratedRegex(@"^redis://(?<host>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(?<port>[0-9]{1,5}))?(?:/(?<cluster>[A-Za-z0-9._-]+))?/?$", RegexOptions.CultureInvariant)]
    private static partial Regex RedisForm();
}
