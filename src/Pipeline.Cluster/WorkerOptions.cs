using System.Net;

namespace Pipeline.Cluster;

/// <summary>How a worker silo runs.</summary>
/// <param name="Slots">Cells it runs at once (simulate-mode cells; an execute-mode cell takes them all). Default: processor count.</param>
/// <param name="Advertise">The address other silos and submitters reach it at. Default: this machine's first non-loopback IPv4 address.</param>
public sealed record WorkerOptions(int? Slots = null, IPAddress? Advertise = null);
