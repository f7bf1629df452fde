using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Lifecycle.Domain.Common;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Lifecycle.Offboarding;

/// <summary><c>Lifecycle:Privacy</c>: how an erased user's phone is kept (policies.md "Compliance": only as a salted hash).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Lifecycle:Privacy";

    /// <summary>
    /// The key of the HMAC that replaces an erased phone. Kept secret and stable: without it nobody can test numbers
    /// against the hashes; changing it makes earlier hashes unrecognisable.
    /// </summary>
    public string? PhoneHashKey { get; set; }
}

internal sealed class PrivacyOptionsValidator : AbstractValidator<PrivacyOptions>
{
    public PrivacyOptionsValidator() =>
        RuleFor(options => options.PhoneHashKey)
            .NotEmpty().WithMessage("is required: the secret key of the hash kept in place of an erased phone")
            .MinimumLength(16).WithMessage("needs at least 16 characters");
}

/// <summary>HMAC-SHA256 of the E.164 number under <see cref="PrivacyOptions.PhoneHashKey"/>, as lowercase hex.</summary>
internal sealed class HmacPhoneHasher(IOptions<PrivacyOptions> options) : IPhoneHasher
{
    public string Hash(E164Phone phone) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.PhoneHashKey!), Encoding.UTF8.GetBytes(phone.Value)));
}
