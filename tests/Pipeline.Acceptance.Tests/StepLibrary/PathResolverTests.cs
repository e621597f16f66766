using Pipeline.Acceptance.Drivers;
using Pipeline.Acceptance.Tests.Bridge;

namespace Pipeline.Acceptance.Tests.StepLibrary;

public sealed class PathResolverTests
{
    private static readonly PathResolver s_resolver = new(RepositoryRoot.Combine("features/batching"));

    [Fact]
    public void A_path_beside_the_feature_wins()
    {
        s_resolver.Resolve("chat-service.pipe").Should().Be(RepositoryRoot.Combine("features/batching/chat-service.pipe"));
    }

    [Fact]
    public void A_path_not_beside_the_feature_resolves_against_the_repository_root()
    {
        s_resolver.RepositoryRoot.Should().Be(RepositoryRoot.Path);
        s_resolver.Resolve("examples/quickstart.pipe").Should().Be(RepositoryRoot.Combine("examples/quickstart.pipe"));
    }

    [Fact]
    public void A_missing_path_resolves_beside_the_feature_and_every_candidate_is_listed()
    {
        s_resolver.Resolve("nope.pipe").Should().Be(RepositoryRoot.Combine("features/batching/nope.pipe"));
        s_resolver.Candidates("nope.pipe").Should().HaveCount(3).And.Contain(RepositoryRoot.Combine("nope.pipe"));
    }
}
