using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Winnow.Pipeline.Tests.Slurm;

/// <summary>
/// A real one-node Slurm cluster on this machine for the tests: installs slurm-wlm and munge when missing, starts
/// munged, slurmctld and slurmd from a temp folder (own ports, own munge socket, SLURM_CONF set for this process and
/// its children), and stops them at the end. A cluster that does not come up fails the tests with the daemon logs.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SlurmCluster : IAsyncLifetime
{
    private readonly List<Process> _daemons = [];

    /// <summary>The folder with slurm.conf, state, spool and logs.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("winnow-slurm-").FullName;

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("The Slurm tests start munged, slurmctld and slurmd and need root.");
        EnsureInstalled();
        File.SetUnixFileMode(Folder, (UnixFileMode)Convert.ToInt32("755", 8));
        var munge = Path.Combine(Folder, "munge");
        Directory.CreateDirectory(munge);
        Directory.CreateDirectory(Path.Combine(Folder, "state"));
        Directory.CreateDirectory(Path.Combine(Folder, "spool"));
        if (!File.Exists("/etc/munge/munge.key"))
            Exec("mungekey", "--create", "--keyfile=/etc/munge/munge.key");
        Exec("chown", "munge:munge", munge, "/etc/munge/munge.key");
        Exec("chmod", "0600", "/etc/munge/munge.key");
        File.SetUnixFileMode(munge, (UnixFileMode)Convert.ToInt32("755", 8)); // munged wants its socket folder searchable by all
        var socket = Path.Combine(munge, "munge.socket");
        Start("runuser", "-u", "munge", "--", "munged", "-F", $"--socket={socket}", $"--pid-file={munge}/munged.pid",
            $"--log-file={munge}/munged.log", $"--seed-file={munge}/munged.seed");
        await WaitAsync(() => File.Exists(socket), "munged did not create its socket");

        var conf = Path.Combine(Folder, "slurm.conf");
        File.WriteAllText(conf, $"""
            ClusterName=winnowtest
            SlurmctldHost=localhost(127.0.0.1)
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            AuthInfo=socket={socket}
            CredType=cred/munge
            StateSaveLocation={Folder}/state
            SlurmdSpoolDir={Folder}/spool
            SlurmctldPidFile={Folder}/slurmctld.pid
            SlurmdPidFile={Folder}/slurmd.pid
            SlurmctldLogFile={Folder}/slurmctld.log
            SlurmdLogFile={Folder}/slurmd.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/none
            MpiDefault=none
            ReturnToService=2
            MinJobAge=600
            NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=2000 State=UNKNOWN
            PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP

            """);
        // winnow and the sbatch/squeue it runs find the cluster through SLURM_CONF.
        Environment.SetEnvironmentVariable("SLURM_CONF", conf);
        Start("slurmctld", "-D", "-i");
        Start("slurmd", "-D", "-N", "localhost");
        await WaitAsync(() => Exec("sinfo", "-h", "-o", "%T").Trim() == "idle", "the node did not become idle");
    }

    private static void EnsureInstalled()
    {
        if (Exec("dpkg-query", "-W", "-f=${Status}\n", "slurm-wlm", "munge").Split('\n').Count(l => l.Contains("install ok installed")) == 2)
            return;
        Exec("apt-get", "install", "-y", "--no-install-recommends", "slurm-wlm", "munge");
    }

    private void Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        var log = Path.Combine(Folder, $"{program}.out");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) File.AppendAllText(log, e.Data + "\n"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) File.AppendAllText(log, e.Data + "\n"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _daemons.Add(process);
    }

    private async Task WaitAsync(Func<bool> ready, string what)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if (ready())
                    return;
            }
            catch (IOException)
            {
                // not up yet
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException($"The test Slurm cluster did not start: {what}.\n{Logs()}");
    }

    /// <summary>The daemons' logs, for a failure message.</summary>
    public string Logs() => string.Join("\n", Directory.EnumerateFiles(Folder, "*.*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".log") || f.EndsWith(".out"))
        .Select(f => $"--- {f}\n{string.Join("\n", File.ReadLines(f).TakeLast(30))}"));

    private static string Exec(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new IOException($"{program} {string.Join(' ', arguments)} failed: {stderr.Result}");
        return stdout;
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async Task DisposeAsync()
    {
        // slurmd first (it runs the jobs), then the controller, then munge.
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            if (!daemon.HasExited)
            {
                daemon.Kill(entireProcessTree: true);
                await daemon.WaitForExitAsync();
            }
            daemon.Dispose();
        }
        Environment.SetEnvironmentVariable("SLURM_CONF", null);
        Directory.Delete(Folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SlurmCollection : ICollectionFixture<SlurmCluster>
{
    public const string Name = "slurm";
}
