namespace Pipeline.Calibration.Published;

/// <summary>
/// How long each published run lasted: LoadGen's <c>min_duration</c> as its <c>mlperf_log_summary.txt</c>
/// prints it under "Test Parameters Used" (v4.0: mlcommons/inference_results_v4.0@3c4a1cf1, the systems of the
/// curated table; v4.1: every closed Llama 2 70B summary of mlcommons/inference_results_v4.1@198fc467). NVIDIA's harness
/// sets 2,400 s for most systems (<c>ServerGPUBaseConfig</c> and <c>OfflineGPUBaseConfig.min_duration</c> in
/// closed/NVIDIA/configs/llama2-70b); AMD's, Dell's MI300X, Juniper's and a few NVIDIA v4.0 systems ran mlperf.conf's
/// 600 s. Every folder's Offline summary prints the same duration as its Server summary, so one value serves both:
/// Server: LoadGen issues queries at the target rate for at least that long (the summaries print
/// <c>min_query_count : 100</c>, so the duration decides); Offline: LoadGen's one query holds the expected rate x the
/// duration x 1.1 samples, at least the data set (<c>samples_per_query</c>: the H200's 274,560 = 104 x 2,400 x 1.1).
/// Keyed by round and results folder (<c>closed/SUBMITTER/results/SYSTEM</c>), the same for the 99% and 99.9%
/// accuracy targets.
/// </summary>
public static class PublishedRunDurations
{
    private static readonly Dictionary<string, double> Seconds = new(StringComparer.Ordinal)
    {
        ["v4.0 closed/NVIDIA/results/H200-SXM-141GBx8_TRT"] = 2400,
        ["v4.0 closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx8_TRT"] = 2400,
        ["v4.0 closed/NVIDIA/results/H200-SXM-141GB-CTSx8_TRT"] = 2400,
        ["v4.0 closed/NVIDIA/results/GH200-GraceHopper-Superchip_GH200-144GB_aarch64x1_TRT"] = 2400,
        ["v4.0 closed/NVIDIA/results/H100-NVL-94GBx8_TRT"] = 600,
        ["v4.0 closed/Dell/results/XE9680_H100_SXM_80GBx8_TRT"] = 600,
        ["v4.0 closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx2_TRT"] = 600,
        ["v4.1 closed/AMD/results/1xMI300X_2xEPYC-9374F"] = 600,
        ["v4.1 closed/AMD/results/8xMI300X_2xEPYC-9374F"] = 600,
        ["v4.1 closed/AMD/results/8xMI300X_2xEPYC-TURIN"] = 600,
        ["v4.1 closed/ASUSTeK/results/ESC4000A_E12_4XH100_TRT"] = 2400,
        ["v4.1 closed/ASUSTeK/results/ESC8000A_E12_H100x8_TRT"] = 2400,
        ["v4.1 closed/ASUSTeK/results/ESC_N8_E11_H100x8_TRT"] = 2400,
        ["v4.1 closed/Dell/results/XE8640_H100_SXM_80GBx4_TRT"] = 2400,
        ["v4.1 closed/Dell/results/XE9640_H100_SXM_80GBx4_TRT"] = 2400,
        ["v4.1 closed/Dell/results/XE9680_H100_SXM_80GBx8_TRT"] = 2400,
        ["v4.1 closed/Dell/results/XE9680_H200_SXM_141GBx8_TRT"] = 2400,
        ["v4.1 closed/Dell/results/XE9680_MI300X_192GBx8"] = 600,
        ["v4.1 closed/Fujitsu/results/CDI_L40Sx8_TRT"] = 2400,
        ["v4.1 closed/Fujitsu/results/GX2560M7_H100_SXM_80GBx4_TRT"] = 2400,
        ["v4.1 closed/GigaComputing/results/GIGABYTE_G593_SD1_H200_SXM_141GBx8_TRT"] = 2400,
        ["v4.1 closed/Google/results/DGX-H100_H100-SXM-80GBx8_TRT"] = 2400,
        ["v4.1 closed/HPE/results/GH200-GraceHopper-Superchip_GH200-144GB_aarch64x1_TRT"] = 2400,
        ["v4.1 closed/HPE/results/HPE_Cray_XD670_H100_SXM_80GBx8_TRT"] = 2400,
        ["v4.1 closed/HPE/results/HPE_ProLiant_DL380a_H100_NVL_94GBx4_TRT"] = 2400,
        ["v4.1 closed/JuniperNetworks/results/DGX-H100_H100-SXM-80GBx16_TRT"] = 600,
        ["v4.1 closed/JuniperNetworks/results/DGX-H100_H100-SXM-80GBx32_TRT"] = 600,
        ["v4.1 closed/Lenovo/results/H200_SXM_141GBx8_TRT"] = 2400,
        ["v4.1 closed/Lenovo/results/Lenovo_8xH200_TRT"] = 2400,
        ["v4.1 closed/Lenovo/results/SR675_V3_8xH100_NVL_TRT"] = 2400,
        ["v4.1 closed/NVIDIA/results/B200-SXM-180GBx1_TRT"] = 2400,
        ["v4.1 closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx8_TRT"] = 2400,
        ["v4.1 closed/NVIDIA/results/GH200-GraceHopper-Superchip_GH200-144GB_aarch64x1_TRT"] = 2400,
        ["v4.1 closed/NVIDIA/results/H200-SXM-141GB-CTSx1_TRT"] = 2400,
        ["v4.1 closed/NVIDIA/results/H200-SXM-141GB-CTSx8_TRT"] = 2400,
        ["v4.1 closed/NVIDIA/results/H200-SXM-141GBx8_TRT"] = 2400,
        ["v4.1 closed/NVIDIA/results/H200-SXM-141GBx8_TRT_MaxQ"] = 2400,
        ["v4.1 closed/NVIDIA/results/H200-SXM-141GBx8_TRT_Triton"] = 2400,
        ["v4.1 closed/Quanta_Cloud_Technology/results/GH200-GraceHopper-Superchip_GH200-96GB_aarch64x1_TRT"] = 2400,
        ["v4.1 closed/RedHat/results/L40S-RedHat-OpenShift"] = 600,
        ["v4.1 closed/Supermicro/results/AS_4125GS_TNHR2_LCC_H100_SXM_80GBx8_TRT"] = 2400,
        ["v4.1 closed/Supermicro/results/AS_8125GS_TNHR_H100_SXM_80GBx8_TRT"] = 2400,
        ["v4.1 closed/Supermicro/results/SYS_421GE_TNHR2_LCC_H100_SXM_80GBx8_TRT"] = 2400,
        ["v4.1 closed/Supermicro/results/SYS_821GE_TNHR_H100_SXM_80GBx8_TRT"] = 2400,
        ["v4.1 closed/Sustainable_Metal_Cloud/results/SMC_H100_SXM_80GBX8_TRT"] = 2400,
    };

    /// <summary>The row's published <c>min_duration</c>, seconds, or null for a row whose summary is not in the table.</summary>
    public static double? Of(PublishedResult row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.SourcePath is not { } source) return null;
        var path = source[(source.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('/');
        if (path.Length < 4) return null;
        return Seconds.TryGetValue($"{row.Round} {string.Join('/', path[..4])}", out var seconds) ? seconds : null;
    }
}
