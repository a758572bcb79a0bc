using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// TCP ports for the hosts a test starts, never the same twice in one test run, and held until the host binds them: each
/// port is taken from below the kernel's ephemeral range (so no outgoing connection or port-0 bind of another process on
/// this machine can be given it meanwhile) and kept bound by a listener of ours until the host that uses it is about to
/// start (<see cref="Release(IEnumerable{string})"/>), so another test cannot pick it in between either.
/// </summary>
public static partial class FreePorts
{
    private static readonly Dictionary<int, TcpListener> Held = [];
    private static readonly HashSet<int> Given = [];
    private static readonly (int Low, int High) Range = Below(EphemeralLow());
    private static int next = Range.Low + (Environment.ProcessId * 7919 % (Range.High - Range.Low));

    public static int Next()
    {
        lock (Held)
        {
            for (var tries = 0; tries < Range.High - Range.Low; tries++)
            {
                var port = next;
                next = next + 1 >= Range.High ? Range.Low : next + 1;
                if (Given.Contains(port))
                {
                    continue;
                }
                var listener = new TcpListener(IPAddress.Loopback, port);
                try
                {
                    listener.Start();
                }
                catch (SocketException)
                {
                    continue;
                }
                Given.Add(port);
                Held[port] = listener;
                return port;
            }
            throw new InvalidOperationException($"no free port in {Range.Low}-{Range.High}");
        }
    }

    /// <summary>Lets go of the held ports named in a host's arguments (":port" or "=port"), just before the host binds them.</summary>
    public static void Release(IEnumerable<string> args)
    {
        foreach (var arg in args)
        {
            foreach (Match match in PortIn().Matches(arg))
            {
                Release(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    public static void Release(int port)
    {
        lock (Held)
        {
            if (Held.Remove(port, out var listener))
            {
                listener.Stop();
            }
        }
    }

    [GeneratedRegex(@"[:=](\d{4,5})\b")]
    private static partial Regex PortIn();

    /// <summary>The first port the kernel hands out on its own (32768 on Linux unless configured).</summary>
    private static int EphemeralLow()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0],
                System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 32768;
        }
    }

    /// <summary>Up to 12,000 ports just below the ephemeral range, and never below 10,000 (well-known services).</summary>
    private static (int Low, int High) Below(int ephemeralLow) => (Math.Max(10_000, ephemeralLow - 12_000), Math.Max(10_100, ephemeralLow));
}
