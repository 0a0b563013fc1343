package io.npsloop.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;


import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemDetailsAdviceTests {

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        JsonMapper.Builder strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mvc = MockMvcBuilders.standaloneSetup(new SampleController())
                .setControllerAdvice(new ProblemDetailsAdvice())
                .setValidator(validator)
                .setMessageConverters(new JacksonJsonHttpMessageConverter(strict))
                .build();
    }

    @Test
    void namesEveryInvalidFieldInOneProblem() throws Exception {
        mvc.perform(post("/sample").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"score\":11}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://npsloop.io/problems/validation"))
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name", "score")));
    }

    @Test
    void namesAnUnknownField() throws Exception {
        mvc.perform(post("/sample").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"a\",\"score\":1,\"$where\":\"1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("$where"))
                .andExpect(jsonPath("$.errors[0].message").value("unknown field"));
    }

    @Test
    void namesAFieldOfTheWrongType() throws Exception {
        mvc.perform(post("/sample").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"a\",\"score\":{\"$ne\":1}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("score"));
    }

    @Test
    void namesAFieldWhoseValueADeserializerRejects() throws Exception {
        mvc.perform(post("/sample").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"a\",\"score\":1,\"sla\":\"soon\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sla"));
    }

    @Test
    void malformedJsonIsABadRequestProblem() throws Exception {
        mvc.perform(post("/sample").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The body is missing or is not well-formed JSON"));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        mvc.perform(post("/sample").contentType(MediaType.TEXT_PLAIN).content("name=a"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void ruleViolationsRaisedByCodeAreBadRequestsNamingTheField() throws Exception {
        mvc.perform(post("/sample").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"reject\",\"score\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].message").value("is reserved"));
    }

    @Test
    void unexpectedFailuresAreAProblemWithoutInternals() throws Exception {
        mvc.perform(post("/sample").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"boom\",\"score\":1}"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The request could not be processed; it was not applied."));
    }

    record Sample(@NotBlank String name, @NotNull @Min(0) @Max(10) Integer score, java.time.@org.jspecify.annotations.Nullable Duration sla) {
    }

    @RestController
    static class SampleController {

        @PostMapping(path = "/sample", consumes = MediaType.APPLICATION_JSON_VALUE)
        String accept(@Valid @RequestBody Sample sample) {
            if ("reject".equals(sample.name())) {
                throw new InvalidRequestException("name", "is reserved");
            }
            if ("boom".equals(sample.name())) {
                throw new IllegalStateException("secret internals");
            }
            return "ok";
        }
    }
}
