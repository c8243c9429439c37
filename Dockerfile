# Builds the action's image from source. The released action pulls a prebuilt image instead.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# Root, as the runner's file-command files require.
USER root
COPY --from=build /src/target/provenance-action.jar /app/provenance-action.jar
COPY --from=build /src/target/lib /app/lib
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", "/app/provenance-action.jar"]
