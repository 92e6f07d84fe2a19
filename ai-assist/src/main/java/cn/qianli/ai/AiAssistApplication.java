package cn.qianli.ai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AiAssistApplication {

    public static void main(String[] args) {
        SpringApplication.run(AiAssistApplication.class, args);
    }
}
