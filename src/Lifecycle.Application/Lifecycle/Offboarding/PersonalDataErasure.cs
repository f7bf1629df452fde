using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle.Offboarding;

/// <summary>Erases an offboarded user's name and phone from the user and from every module's tables, in one unit of work.</summary>
public sealed class PersonalDataErasure(IEnumerable<IUserDataOwner> owners, IPhoneHasher hasher)
{
    public async Task EraseAsync(User user, CancellationToken ct)
    {
        if (user.IsErased || user.Phone is not { } phone)
        {
            return;
        }

        var offboarded = new OffboardedUser(user.Id, phone, user.Name);
        foreach (var owner in owners)
        {
            await owner.EraseAsync(offboarded, ct);
        }

        user.ErasePersonalData(hasher.Hash(phone));
    }
}
