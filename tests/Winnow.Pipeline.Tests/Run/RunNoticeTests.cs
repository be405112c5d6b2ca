using Winnow.TestSupport;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Winnow.Pipeline.Tests.Run;

/// <summary>`winnow run --webhook` tells a real local HTTP listener how the run ended, on success and on failure.</summary>
public sealed class RunNoticeTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Uri _url;

    public RunNoticeTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(_url.ToString());
        _listener.Start();
    }

    private async Task<string> ReceiveAsync()
    {
        var context = await _listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = 200;
        context.Response.Close();
        return JsonDocument.Parse(body).RootElement.GetProperty("text").GetString()!;
    }

    [Fact]
    public async Task Completion_and_failure_are_posted_to_the_webhook()
    {
        using var temp = new TempFolder();
        TestModels.Images(Path.Combine(temp.Path, "plate"), 10, seed: 41);
        var weights = TestModels.ResNet18(Path.Combine(temp.Path, "model"), size: 16);
        var db = Path.Combine(temp.Path, "winnow.db");
        Assert.Equal(0, WinnowProcess.Run(temp.Path, "ingest", Path.Combine(temp.Path, "plate"), "--job", "drops", "--db", db, "--json").Exit);

        var message = ReceiveAsync();
        var (exit, stdout, stderr) = WinnowProcess.Run(temp.Path, "run", "--model", weights, "--db", db, "--scratch", Path.Combine(temp.Path, "s"),
            "--webhook", _url.ToString(), "--json");
        Assert.True(exit == 0, stderr + stdout);
        Assert.StartsWith("Winnow score (drops) succeeded: 10 images, 0 failed", await message);

        message = ReceiveAsync();
        (exit, _, stderr) = WinnowProcess.Run(temp.Path, "run", "--model", Path.Combine(temp.Path, "gone.safetensors"), "--db", db,
            "--webhook", _url.ToString());
        Assert.Equal(2, exit);
        Assert.Contains("gone.safetensors: model weights not found", await message);
        Assert.StartsWith("Winnow score (drops) failed", await message);
    }

    public void Dispose() => _listener.Close();
}
