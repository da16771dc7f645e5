namespace Monitor.Core.Domain;

/// <summary>How a DNS over HTTPS query is sent (RFC 8484 §4.1).</summary>
public enum DohMethod
{
    /// <summary>POST with the message as an <c>application/dns-message</c> body.</summary>
    Post,

    /// <summary>GET with the message in the <c>dns</c> query parameter, base64url without padding.</summary>
    Get,
}
