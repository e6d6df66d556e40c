using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Notifications;
using McpMonitoring.Engine.Notifications.Channels;

namespace McpMonitoring.Engine.Hosting;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>Notifications: routes and receivers, grouping, the durable outbox and its dispatcher, the channels.</summary>
    /// <remarks>Register after <c>AddAlerting</c>: the pipeline's start reads the alerts the alert service loaded.</remarks>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddHttpClient(NotificationHttp.ClientName).RemoveAllLoggers();
        services.AddSingleton<NotificationHttp>();
        services.AddSingleton<INotificationChannel, WebhookChannel>();
        services.AddSingleton<INotificationChannel, SlackChannel>();
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddSingleton<INotificationChannel, AlertmanagerChannel>();
        services.AddSingleton<INotificationChannel, LogChannel>();

        services.AddSingleton<NotificationConfigService>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationConfigService>());
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddSingleton<NotificationPipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationPipeline>());
        return services;
    }
}
