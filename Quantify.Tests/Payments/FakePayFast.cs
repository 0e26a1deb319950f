using System.Net;

namespace Quantify.Tests.Payments;

/// <summary>
/// PayFast's validate endpoint in process, for tests without a web host: records each confirmation request (URL, body)
/// and the named client asked for, and answers 200 <c>VALID</c> unless <see cref="Answer"/> is changed.
/// </summary>
public sealed class FakePayFast : HttpMessageHandler, IHttpClientFactory
{
    public List<(Uri Url, string Body)> Requests { get; } = [];
    public List<string> ClientNames { get; } = [];
    public Func<HttpResponseMessage> Answer { get; set; } = () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("VALID") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request.RequestUri!, await request.Content!.ReadAsStringAsync(cancellationToken)));
        return Answer();
    }

    public HttpClient CreateClient(string name)
    {
        ClientNames.Add(name);
        return new(this, disposeHandler: false);
    }
}
