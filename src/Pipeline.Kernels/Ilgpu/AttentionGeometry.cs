namespace Pipeline.Kernels.Ilgpu;

/// <summary>Scalar parameters shared by the attention kernels (one struct keeps the kernel signatures short).</summary>
internal readonly record struct AttentionGeometry(int Heads, int KvHeads, int HeadDim, int BlockSize, long LayerBase, float Scale);
