using System.Text;

namespace Pipeline.Calibration.Local;

/// <summary>
/// Writes the calibrated local accelerator as a declaration experiments <c>import</c>:
/// <c>accelerator this-machine { base = local(BACKEND)  cost { ... } }</c>. Deriving from <c>local(...)</c> keeps
/// the engine backend, so an experiment that names <c>this-machine</c> executes on it in execute mode and is
/// predicted with the fitted parameters in simulate mode.
/// </summary>
public static class LocalAcceleratorFile
{
    /// <summary>The declared accelerator's name.</summary>
    public const string AcceleratorName = "this-machine";

    /// <summary>The file's text.</summary>
    /// <param name="result">The calibration.</param>
    /// <param name="backend">The backend keyword measured (<c>auto</c>, <c>cpu</c>, ...).</param>
    /// <param name="device">The device name, for the header comment.</param>
    public static string Write(LocalCalibrationResult result, string backend, string device)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append("// Calibrated by `pipeline calibrate --local --backend ").Append(backend).Append("` on ").Append(device).Append('\n');
        text.Append("// Step times, measured against predicted with these parameters:\n");
        foreach (var line in result.Table().Split('\n', StringSplitOptions.RemoveEmptyEntries)) text.Append("//   ").Append(line).Append('\n');
        text.Append("\naccelerator ").Append(AcceleratorName).Append(" {\n  base = local(").Append(backend).Append(")\n  cost {\n");
        foreach (var setting in result.Settings) text.Append("    ").Append(setting).Append('\n');
        text.Append("  }\n}\n");
        return text.ToString();
    }
}
