namespace Monitor.Lab.Tests;

/// <summary>One thing the scenario did to the lab, and when (UTC, just before the lab was told).</summary>
/// <param name="Kind">What: <c>withdraw</c>, <c>announce</c>, <c>fail-link</c>, <c>restore-link</c>, <c>dns-drop</c>, <c>dns-start</c>, <c>delay</c>, <c>undelay</c>.</param>
/// <param name="Subject">The site or link it was done to.</param>
/// <param name="At">When.</param>
public sealed record ScenarioEvent(string Kind, string Subject, DateTimeOffset At);
