package cn.qianli.centre;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DiagnosisServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DiagnosisServiceApplication.class, args);
    }
}
