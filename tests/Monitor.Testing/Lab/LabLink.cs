namespace Monitor.Testing.Lab;

/// <summary>A link between two lab nodes, emulated by the relay (delay each way, silent failure).</summary>
/// <param name="Id">Link name (<c>ams-t1</c>, <c>vp-fra</c>, …).</param>
/// <param name="A">One end (a node name).</param>
/// <param name="B">The other end.</param>
/// <param name="Delay">The one-way delay it was built with, in each direction.</param>
public sealed record LabLink(string Id, string A, string B, TimeSpan Delay);
