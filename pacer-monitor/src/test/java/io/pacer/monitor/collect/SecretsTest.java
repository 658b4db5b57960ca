package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain URL          | http://app:8080/metrics                                  | http://app:8080/metrics
            user and password  | http://scraper:s3cret@app/metrics                        | http://scraper:***@app/metrics
            lone token as user | https://ghp_tok@api.example/metrics                      | https://***@api.example/metrics
            password with @    | http://u:p@ss@app/x                                      | http://u:***@app/x
            query tokens       | http://app/m?token=t1&x=1&access_token=t2&apikey=t3       | http://app/m?token=***&x=1&access_token=***&apikey=***
            more query keys    | http://app/m?api_key=a&key=b&password=c&client_secret=d   | http://app/m?api_key=***&key=***&password=***&client_secret=***
            upper case name    | http://app/m?API_KEY=a#top                               | http://app/m?API_KEY=***#top
            jdbc password      | jdbc:postgresql://db/app?user=u&password=p&ssl=true       | jdbc:postgresql://db/app?user=u&password=***&ssl=true
            libpq              | postgresql://monitor:pw@db:5432/app                      | postgresql://monitor:***@db:5432/app
            an e-mail in query | http://app/m?to=a@b.example                              | http://app/m?to=a@b.example
            in a message       | GET http://u:pw@app/m?token=t: ConnectException          | GET http://u:***@app/m?token=***: ConnectException
            colon in a token   | http://app/m?token=a:b:c&x=1                             | http://app/m?token=***&x=1
            two URLs           | http://a:p1@h1/x and http://b:p2@h2/y                    | http://a:***@h1/x and http://b:***@h2/y
            """)
    void secretsAreMaskedWhereverAUrlStands(String what, String text, String shown) {
        assertThat(Secrets.masked(text)).as(what).isEqualTo(shown);
    }
}
