namespace Monitor.Testing;

/// <summary>What <see cref="AtlasSyntheticResults"/> wrote, counted as it wrote it.</summary>
/// <param name="Results">Results written.</param>
/// <param name="Answered">Results with a response (NOERROR with an identity, or SERVFAIL without).</param>
/// <param name="WithIdentity">Answered results whose abuf carries an <c>id.server</c> TXT.</param>
/// <param name="Timeouts">Results with <c>{"timeout": 5000}</c>.</param>
/// <param name="NetworkErrors">Results with a <c>socket</c> error.</param>
/// <param name="Probes">Distinct probes.</param>
/// <param name="Bytes">Octets written.</param>
public sealed record AtlasSyntheticSummary(long Results, long Answered, long WithIdentity, long Timeouts, long NetworkErrors, int Probes, long Bytes);
