using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Winnow.Pipeline.Notify;

/// <summary>Posts a message to a webhook as JSON <c>{"text": "…"}</c>, the shape Slack, Mattermost and Teams incoming hooks take.</summary>
public sealed class WebhookNotifier(Uri url, HttpClient? client = null) : IDisposable
{
    private readonly HttpClient _client = client ?? new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
    private readonly bool _ownsClient = client is null;

    /// <summary>Sends one message; an answer other than 2xx is an IOException naming the hook and the status.</summary>
    public async Task NotifyAsync(string text, CancellationToken ct = default)
    {
        HttpResponseMessage response;
        try
        {
            response = await _client.PostAsJsonAsync(url, new SlackMessage(text), NotifyJson.Default.SlackMessage, ct);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"Cannot reach the webhook {url.GetLeftPart(UriPartial.Path)}: {e.Message}. Check the URL and the network.", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                throw new IOException(
                    $"The webhook {url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body.Trim()}");
            }
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
            _client.Dispose();
    }
}

/// <summary>The body of a Slack-compatible incoming-webhook message.</summary>
internal sealed record SlackMessage([property: JsonPropertyName("text")] string Text);

[JsonSerializable(typeof(SlackMessage))]
internal sealed partial class NotifyJson : JsonSerializerContext;
