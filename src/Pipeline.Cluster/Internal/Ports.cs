using System.Net;
using System.Net.Sockets;

namespace Pipeline.Cluster.Internal;

/// <summary>Free TCP ports, so several silos (and other people's tests) share one machine.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
