namespace Seed.Api.Contracts;

/// <summary>Body of <c>POST /v1/admin/model/reload</c>: the model folder on the silos' machines (absent: the deployed one again).</summary>
public sealed record ModelReloadRequest(string? Path);
