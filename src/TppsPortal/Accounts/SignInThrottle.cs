using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TppsPortal.Accounts;

/// <summary>The limits on failed sign-ins (configuration section <c>Tpps:SignIn</c>).</summary>
public sealed class SignInLimits
{
    public const string Section = "Tpps:SignIn";

    /// <summary>Failed tries for one user name from one client address before the first lockout.</summary>
    public int FreeFailures { get; set; } = 5;

    /// <summary>The first lockout; each further failure from the same address doubles it, up to <see cref="MaxLockout"/>.</summary>
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A user name and address with no failure for this long start again from zero.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The most (user name, address) pairs remembered; beyond it the oldest unlocked ones are forgotten.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Sign-in form posts allowed per client address per <see cref="RateWindow"/> (the web's rate limiter).</summary>
    public int PostsPerAddress { get; set; } = 20;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Lockout per user name <em>and</em> client address, with a growing lockout: someone who guesses passwords for
/// <c>admin.sistem</c> from one address locks only that address out of that account, never the administrator
/// sitting elsewhere. The same counting applies to user names that do not exist, so a lockout says nothing about
/// whether an account exists. Kept in memory (per instance; forgotten on restart): see docs/security.md.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IOptions<SignInLimits> options)
{
    private readonly ConcurrentDictionary<(string UserName, string Client), Entry> _entries = new();

    private SignInLimits Limits => options.Value;

    /// <summary>When the user name is locked for this address, until when; otherwise null.</summary>
    public DateTimeOffset? LockedUntil(string userName, string client)
    {
        var now = clock.GetUtcNow();
        return _entries.TryGetValue((userName, client), out var entry) && entry.LockedUntil > now ? entry.LockedUntil : null;
    }

    /// <summary>Counts a failure; returns when the pair is now locked until (null when it is not locked).</summary>
    public (int Failures, DateTimeOffset? LockedUntil) RecordFailure(string userName, string client)
    {
        var now = clock.GetUtcNow();
        var limits = Limits;
        var entry = _entries.AddOrUpdate((userName, client),
            _ => Next(new Entry(0, now, null), now, limits),
            (_, old) => Next(now - old.LastFailure > limits.ForgetAfter ? new Entry(0, now, null) : old, now, limits));
        if (_entries.Count > limits.MaxEntries)
        {
            Prune(now, limits);
        }
        return (entry.Failures, entry.LockedUntil > now ? entry.LockedUntil : null);
    }

    /// <summary>A successful sign-in from this address forgets its failures.</summary>
    public void RecordSuccess(string userName, string client) => _entries.TryRemove((userName, client), out _);

    /// <summary>An admin's unlock (or password reset): the user name is free again from every address.</summary>
    public void Reset(string userName)
    {
        foreach (var key in _entries.Keys.Where(k => k.UserName == userName))
        {
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>Whether the user name is locked from at least one address (shown on the user list).</summary>
    public bool IsLockedAnywhere(string userName)
    {
        var now = clock.GetUtcNow();
        return _entries.Any(e => e.Key.UserName == userName && e.Value.LockedUntil > now);
    }

    private static Entry Next(Entry old, DateTimeOffset now, SignInLimits limits)
    {
        var failures = old.Failures + 1;
        DateTimeOffset? lockedUntil = old.LockedUntil;
        if (failures >= limits.FreeFailures)
        {
            // 1, 2, 4, 8 ... minutes (by default), capped.
            var doublings = Math.Min(failures - limits.FreeFailures, 20);
            var ticks = Math.Min(limits.FirstLockout.Ticks * (1L << doublings), limits.MaxLockout.Ticks);
            lockedUntil = now + TimeSpan.FromTicks(ticks);
        }
        return new Entry(failures, now, lockedUntil);
    }

    private void Prune(DateTimeOffset now, SignInLimits limits)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastFailure > limits.ForgetAfter)
            {
                _entries.TryRemove(key, out _);
            }
        }
        var excess = _entries.Count - limits.MaxEntries;
        if (excess <= 0)
        {
            return;
        }
        foreach (var (key, _) in _entries.Where(e => !(e.Value.LockedUntil > now)).OrderBy(e => e.Value.LastFailure).Take(excess).ToList())
        {
            _entries.TryRemove(key, out _);
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset? LockedUntil);
}
