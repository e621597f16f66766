using System.Text;

namespace Pipeline.Plans.Rendering;

/// <summary>Spellings of enum values in renderings: the experiment-language keyword (snake_case, a few hyphenated).</summary>
internal static class Keywords
{
    /// <summary>The keyword of an enum value.</summary>
    public static string Of<T>(T value) where T : struct, Enum => (object)value switch
    {
        Scenario.SingleStream => "single-stream",
        LocalBackend.IlgpuCpu => "ilgpu-cpu",
        DType type => type.ToKeyword(),
        _ => SnakeCase(value.ToString()),
    };

    /// <summary><c>RoundRobin</c> becomes <c>round_robin</c>.</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
