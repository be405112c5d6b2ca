namespace Winnow.Store;

/// <summary>One person's vote on an image's class during consensus scoring.</summary>
public sealed record VoteRecord(long Id, long ImageId, string Voter, string Class, DateTimeOffset VotedAt);
