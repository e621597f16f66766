using System.Runtime.CompilerServices;

// ILGPU's CPU accelerator emits kernel wrappers into a dynamic assembly named ILGPURuntime; kernel parameter
// types are internal, so that assembly needs access.
[assembly: InternalsVisibleTo("ILGPURuntime")]
[assembly: InternalsVisibleTo("Pipeline.Kernels.Tests")]
