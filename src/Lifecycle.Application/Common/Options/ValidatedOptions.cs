using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Common.Options;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to a configuration section and checks it at start-up; every failure names the
    /// full configuration key (<c>Lifecycle:Churn:InactivityDays: must be at least 1 (was 0)</c>).
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T, TValidator>(this IServiceCollection services, string section)
        where T : class
        where TValidator : AbstractValidator<T>, new()
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section, new TValidator()));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    private sealed class SectionValidator<T>(string section, IValidator<T> validator) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var result = validator.Validate(options);
            return result.IsValid
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(result.Errors.Select(error =>
                    $"{section}:{error.PropertyName.Replace('.', ':')}: {error.ErrorMessage}"));
        }
    }
}
