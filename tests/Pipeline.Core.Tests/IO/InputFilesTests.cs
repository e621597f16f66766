using Pipeline.Core.IO;

namespace Pipeline.Core.Tests.IO;

public sealed class InputFilesTests
{
    [Fact]
    public void A_regular_file_under_the_cap_has_no_problem_and_one_over_it_says_both_sizes()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "t.csv");
        File.WriteAllText(path, "0123456789");

        InputFiles.Check(path, maxBytes: 10).Should().BeNull();
        InputFiles.Check(path, maxBytes: 9)!.Message.Should().Contain("is 10 bytes, more than the 9 bytes allowed");
    }

    [Fact]
    public void A_missing_file_and_a_directory_are_told_apart()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;

        InputFiles.Check(directory, 100)!.Message.Should().EndWith("is a directory, not a file");
        InputFiles.Check(Path.Combine(directory, "none.csv"), 100)!.Message.Should().EndWith("does not exist");
    }

    [Fact]
    public void Devices_are_rejected_without_being_read()
    {
        if (!OperatingSystem.IsLinux()) return; // statx is Linux's; elsewhere the size cap still bounds what is read
        InputFiles.Check("/dev/zero", long.MaxValue)!.Message.Should().Be("\"/dev/zero\" is a character device, not a regular file");
        InputFiles.ReadText("/dev/zero", long.MaxValue).Text.Should().BeNull();
    }

    [Fact]
    public void A_file_its_mode_forbids_reading_is_a_problem_naming_permissions_and_is_never_read()
    {
        if (!OperatingSystem.IsLinux()) return; // mode bits and per-thread capabilities are Linux's here
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "t.csv");
        File.WriteAllText(path, "arrival_time,prompt_tokens,output_tokens\n0,10,10\n");
        PermissionsEnforced.DenyAll(path);

        var (check, read) = PermissionsEnforced.Run(() => (InputFiles.Check(path, 1000), InputFiles.ReadText(path, 1000)));

        check!.Message.Should().StartWith($"\"{path}\" cannot be read:");
        check.Hint.Should().Be("check the file's permissions");
        read.Text.Should().BeNull();
        read.Problem!.Message.Should().Be(check.Message);
    }
}
