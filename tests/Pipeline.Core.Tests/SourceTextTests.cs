using Pipeline.Core.Text;

namespace Pipeline.Core.Tests;

public sealed class SourceTextTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(3, 1, 4)]
    [InlineData(4, 2, 1)]
    [InlineData(6, 2, 3)]
    [InlineData(8, 3, 1)]
    public void Offsets_map_to_one_based_line_and_column(int offset, int line, int column)
    {
        var text = new SourceText("a.pipe", "abc\nde\r\nfg");

        text.GetLocation(offset).Should().Be(new SourceLocation("a.pipe", line, column));
    }

    [Fact]
    public void Lines_are_returned_without_terminators()
    {
        var text = new SourceText("a.pipe", "abc\r\nde\n");

        text.LineCount.Should().Be(3);
        text.GetLine(1).Should().Be("abc");
        text.GetLine(2).Should().Be("de");
        text.GetLine(3).Should().BeEmpty();
        text.GetLine(99).Should().BeEmpty();
    }

    [Fact]
    public void Offsets_past_the_end_map_to_the_end()
    {
        var text = new SourceText("a.pipe", "ab");

        text.GetLocation(50).Should().Be(new SourceLocation("a.pipe", 1, 3));
    }

    [Fact]
    public void Line_and_column_map_back_to_the_offset()
    {
        var text = new SourceText("a.pipe", "abc\nde\nfg");

        text.GetOffset(2, 2).Should().Be(5);
        text.GetLocation(text.GetOffset(3, 1)).Line.Should().Be(3);
    }
}
