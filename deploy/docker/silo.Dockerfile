# Seed silo (Orleans silo + co-hosted REST API). Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t seed-silo .
# The image holds what it serves: `dotnet publish` copies models/ (the encoder, the learned interest model) and
# data/ml-latest-small next to the binaries, where the silo's relative default paths resolve outside a checkout.
# `docker run seed-silo --migrate` applies deploy/postgres and exits.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Seed.Silo/Seed.Silo.csproj -c Release -o /app --nologo \
    && test -f /app/models/interest-lstm/model.safetensors \
    && test -f /app/models/potion-base-4M-int8/model.onnx

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080 11111 30000
# The base image's unprivileged user; the silo writes nothing to disk.
USER $APP_UID
# Liveness: /healthz answers 200 while the silo reaches the cluster (readiness, for load balancers: /readyz).
# The runtime image has no curl; bash's /dev/tcp sends the request.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Seed.Silo.dll"]
