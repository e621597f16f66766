using Pipeline.Core.Weights;

namespace Pipeline.Core.Tests.Weights;

public sealed class WeightsFileTests
{
    [Fact]
    public void A_directory_a_missing_file_and_a_device_are_file_problems_not_header_problems()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;

        WeightsFile.ReadHeader(directory).Problem!.Message.Should().EndWith("is a directory, not a file");
        WeightsFile.ReadHeader(Path.Combine(directory, "none.gguf")).Problem!.Message.Should().EndWith("does not exist");
        if (OperatingSystem.IsLinux())
        {
            WeightsFile.ReadHeader("/dev/zero").Problem!.Message.Should().Be("\"/dev/zero\" is a character device, not a regular file");
        }
    }

    [Fact]
    public void A_file_on_disk_is_read_as_from_memory()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "tiny.gguf");
        File.WriteAllBytes(path, Fixtures.Tiny);

        var (result, problem) = WeightsFile.ReadHeader(path);
        problem.Should().BeNull();
        result!.Header!.Tensors.Select(t => t.Name).Should().Equal(GgufHeaderReader.Read(new MemoryStream(Fixtures.Tiny)).Header!.Tensors.Select(t => t.Name));
    }
}
