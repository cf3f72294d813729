# Build with Maven on JDK 17, run on a JRE 21 as a non-root user.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:21-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /app --uid 10001 periodica \
 && mkdir -p /data \
 && chown periodica /data
WORKDIR /app
COPY --from=build /src/target/periodica.jar /app/periodica.jar
COPY conf /app/conf
ENV DATA_DIR=/data \
    HTTP_PORT=8080
VOLUME /data
USER periodica
EXPOSE 8080 9090
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/periodica.jar"]
