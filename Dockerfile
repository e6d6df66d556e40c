# The console in one container. Build: docker build -t mcpmonitoring .
# (No Docker engine runs on the development machines; this file is written to the documented image
# contracts and has not been built there.)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/McpMonitoring.Web -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY config/targets.example.yml /app/config/targets.example.yml
ENV MONITORING_PORT=10204 \
    ConnectionStrings__Monitoring="Data Source=/app/data/monitoring.db" \
    Monitoring__ConfigDir=/app/config
VOLUME ["/app/data"]
EXPOSE 10204
ENTRYPOINT ["dotnet", "McpMonitoring.Web.dll"]
