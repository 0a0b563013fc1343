# One image recipe for the five services: docker build --build-arg SERVICE=scoring-service .
# The first stage builds every module once (Docker caches it across the five builds); the second
# holds only a JRE and the service's jar, runs as a non-root user and downloads nothing at start.
FROM eclipse-temurin:17.0.15_6-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q package -DskipTests

FROM eclipse-temurin:17.0.15_6-jre
ARG SERVICE
RUN groupadd --system --gid 10001 nps && useradd --system --uid 10001 --gid nps --no-create-home nps
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar /app/app.jar
USER 10001:10001
ENV SERVER_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
