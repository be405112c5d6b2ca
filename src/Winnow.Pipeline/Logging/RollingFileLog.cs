using System.Globalization;
using System.Text;

namespace Winnow.Pipeline.Logging;

/// <summary>Severity of a log line.</summary>
public enum LogLevel
{
    /// <summary>Detail for finding bugs.</summary>
    Debug,
    /// <summary>What happened.</summary>
    Information,
    /// <summary>Something went wrong and the work went on.</summary>
    Warning,
    /// <summary>Something went wrong and the work stopped.</summary>
    Error,
}

/// <summary>
/// A log file that rolls over: when winnow.log passes <c>maxBytes</c> it becomes winnow.1.log (winnow.1.log becomes
/// winnow.2.log, …) and only <c>keep</c> old files stay, so a facility's long-running pipeline never fills the disk.
/// Safe to write from several threads.
/// </summary>
public sealed class RollingFileLog : IDisposable
{
    private readonly string _path;
    private readonly long _maxBytes;
    private readonly int _keep;
    private readonly Lock _gate = new();
    private FileStream _stream;

    /// <summary>Opens (appending) the log at <paramref name="path"/>; creates its folder when missing.</summary>
    public RollingFileLog(string path, long maxBytes = 10 << 20, int keep = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 0);
        _path = Path.GetFullPath(path);
        _maxBytes = maxBytes;
        _keep = keep;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _stream = Open();
    }

    /// <summary>The file now written to.</summary>
    public string CurrentPath => _path;

    /// <summary>The n-th older file (1 = the one rolled most recently).</summary>
    public string RolledPath(int n) =>
        Path.Combine(Path.GetDirectoryName(_path)!, $"{Path.GetFileNameWithoutExtension(_path)}.{n}{Path.GetExtension(_path)}");

    /// <summary>Writes one line: UTC time, level, message.</summary>
    public void Write(LogLevel level, string message)
    {
        var line = $"{DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} [{Tag(level)}] {message}\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        lock (_gate)
        {
            if (_stream.Length > 0 && _stream.Length + bytes.Length > _maxBytes)
                Roll();
            _stream.Write(bytes);
            _stream.Flush();
        }
    }

    /// <summary>Writes an information line.</summary>
    public void Information(string message) => Write(LogLevel.Information, message);

    /// <summary>Writes a warning line.</summary>
    public void Warning(string message) => Write(LogLevel.Warning, message);

    /// <summary>Writes an error line.</summary>
    public void Error(string message) => Write(LogLevel.Error, message);

    private void Roll()
    {
        _stream.Dispose();
        if (_keep == 0)
        {
            File.Delete(_path);
        }
        else
        {
            File.Delete(RolledPath(_keep));
            for (var n = _keep - 1; n >= 1; n--)
            {
                if (File.Exists(RolledPath(n)))
                    File.Move(RolledPath(n), RolledPath(n + 1));
            }
            File.Move(_path, RolledPath(1));
        }
        _stream = Open();
    }

    private FileStream Open() => new(_path, FileMode.Append, FileAccess.Write, FileShare.Read);

    private static string Tag(LogLevel level) => level switch
    {
        LogLevel.Debug => "DBG",
        LogLevel.Information => "INF",
        LogLevel.Warning => "WRN",
        _ => "ERR",
    };

    public void Dispose()
    {
        lock (_gate)
            _stream.Dispose();
    }
}
