using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Winnow.Pipeline.Notify;
using Winnow.Store;

namespace Winnow.Pipeline.Tests.Notify;

/// <summary>The notifier against a real HTTP server on 127.0.0.1.</summary>
public sealed class WebhookNotifierTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Uri _url;

    public WebhookNotifierTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _url = new Uri($"http://127.0.0.1:{port}/hooks/winnow/");
        _listener.Prefixes.Add(_url.ToString());
        _listener.Start();
    }

    private async Task<(string Method, string? ContentType, string Body)> AnswerOnceAsync(int status)
    {
        var context = await _listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = status;
        await using (var writer = new StreamWriter(context.Response.OutputStream))
            await writer.WriteAsync(status == 200 ? "ok" : "invalid_token");
        context.Response.Close();
        return (context.Request.HttpMethod, context.Request.ContentType, body);
    }

    [Fact]
    public async Task A_message_is_posted_as_slack_json()
    {
        using var notifier = new WebhookNotifier(_url);
        var received = AnswerOnceAsync(200);
        await notifier.NotifyAsync("Winnow: 12 \"crystals\" found");
        var (method, contentType, body) = await received;
        Assert.Equal("POST", method);
        Assert.StartsWith("application/json", contentType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Winnow: 12 \"crystals\" found", json.RootElement.GetProperty("text").GetString());
        Assert.Single(json.RootElement.EnumerateObject());
    }

    [Fact]
    public async Task A_refusal_is_an_error_naming_the_hook_and_status()
    {
        using var notifier = new WebhookNotifier(_url);
        var received = AnswerOnceAsync(403);
        var error = await Assert.ThrowsAsync<IOException>(() => notifier.NotifyAsync("hello"));
        await received;
        Assert.Contains("403", error.Message);
        Assert.Contains("/hooks/winnow/", error.Message);
        Assert.Contains("invalid_token", error.Message);
    }

    [Fact]
    public void A_finished_run_reads_as_one_line()
    {
        var start = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var run = new RunRecord(3, "score", JobKind.Drops, "abc", RunState.Succeeded, 96, 2, "plate 90j8", start, start.AddSeconds(42));
        Assert.Equal("Winnow score (drops) succeeded: 96 images, 2 failed in 42 s. plate 90j8", RunMessage.For(run));
    }

    public void Dispose() => _listener.Close();
}
