namespace TppsPortal.Imports;

/// <summary>
/// A read-only view of a stream that refuses to give more than a number of bytes: reading past the limit
/// throws <see cref="ImportRefusedException"/> with the given message. Used for uploads (whatever their
/// declared size) and for unpacked XLSX parts (whatever the zip's headers say).
/// </summary>
internal sealed class LimitedReadStream(Stream inner, long limit, string message, bool leaveOpen = true) : Stream
{
    private long _read;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Ask for one byte more than is left, so that a file of exactly the limit passes and one byte more does not.
        var allowed = (int)Math.Min(buffer.Length, limit - _read + 1);
        return Count(inner.Read(buffer[..allowed]));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = (int)Math.Min(buffer.Length, limit - _read + 1);
        return Count(await inner.ReadAsync(buffer[..allowed], cancellationToken));
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new ImportRefusedException(message);
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
