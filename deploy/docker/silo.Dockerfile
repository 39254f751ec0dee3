# Seed silo (Orleans silo + co-hosted REST API). Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t seed-silo .
# The sentence-encoder model is not baked in (it is shared data, not source): mount it and point
# Seed__Encoder__ModelPath at it. `docker run seed-silo --migrate` applies deploy/postgres and exits.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Seed.Silo/Seed.Silo.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Seed__Encoder__ModelPath=/models/potion-base-4M-int8 \
    Seed__DemoCatalog__DataPath=/data/ml-latest-small
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "Seed.Silo.dll"]
