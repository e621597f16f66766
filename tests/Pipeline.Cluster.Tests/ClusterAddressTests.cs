namespace Pipeline.Cluster.Tests;

public sealed class ClusterAddressTests
{
    [Fact]
    public void Local_is_the_in_process_silo()
    {
        ClusterAddress.Parse("local", out var problem).Should().Be(ClusterAddress.Local);
        problem.Should().BeNull();
        ClusterAddress.Local.IsLocal.Should().BeTrue();
    }

    [Theory]
    [InlineData("redis://cache", "cache", 6379, "pipeline")]
    [InlineData("redis://10.0.0.5:7000", "10.0.0.5", 7000, "pipeline")]
    [InlineData("redis://redis.lab.internal:6380/sweeps-a/", "redis.lab.internal", 6380, "sweeps-a")]
    public void Redis_addresses_take_the_default_port_and_cluster_when_left_out(string text, string host, int port, string cluster)
    {
        var address = ClusterAddress.Parse(text, out var problem);

        problem.Should().BeNull();
        address.Should().Be(new ClusterAddress(host, port, cluster));
        address!.RedisEndpoint.Should().Be($"{host}:{port}");
    }

    [Theory]
    [InlineData("", "--cluster '' is not a cluster address: expected `local` or `redis://HOST[:PORT][/CLUSTER]`")]
    [InlineData("redis:/cache", "--cluster 'redis:/cache' is not a cluster address: expected `local` or `redis://HOST[:PORT][/CLUSTER]`")]
    [InlineData("postgres://db:5432", "--cluster 'postgres://db:5432' is not a cluster address: expected `local` or `redis://HOST[:PORT][/CLUSTER]`")]
    [InlineData("redis://cache:0", "--cluster 'redis://cache:0': the port must be a whole number from 1 to 65535")]
    [InlineData("redis://cache:65536", "--cluster 'redis://cache:65536': the port must be a whole number from 1 to 65535")]
    [InlineData("redis://cache/two words", "--cluster 'redis://cache/two words' is not a cluster address: expected `local` or `redis://HOST[:PORT][/CLUSTER]`")]
    public void Malformed_addresses_are_problems_not_exceptions(string text, string message)
    {
        ClusterAddress.Parse(text, out var problem).Should().BeNull();
        problem.Should().Be(message);
    }
}
