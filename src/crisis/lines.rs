//! The built-in table of national crisis lines. Only rows checked against the
//! service's own page or a government or health-service source are kept;
//! where that could not be done, the country is left out rather than guessed.

/// One country's crisis line and emergency number, built in so help is known
/// before anything is set up. Every row names the page it was checked against.
pub struct CountryLine {
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    pub country: &'static str,
    /// Name of the crisis line, as its service writes it.
    pub name: &'static str,
    /// Number to call ("" when the line has no phone number).
    pub call: &'static str,
    /// Number to text (SMS), "" when none.
    pub text: &'static str,
    /// Emergency services.
    pub emergency: &'static str,
}

pub const COUNTRY_LINES: &[CountryLine] = &[
    // Source: https://www.katholisch.at/telefonseelsorge and https://rtr.at/TKP/was_wir_tun/telekommunikation/konsumentenservice/information/informationen_fuer_konsumenten/TKKS_Notrufe.de.html (checked 2026-11); emergency: https://rtr.at/TKP/was_wir_tun/telekommunikation/konsumentenservice/information/informationen_fuer_konsumenten/TKKS_Notrufe.de.html (144 Rettungsdienst; 112 also works)
    CountryLine {
        code: "AT",
        country: "Austria",
        name: "TelefonSeelsorge",
        call: "142",
        text: "",
        emergency: "144",
    },
    // Source: https://lifelineh2h.org.au/get-help/telephone-crisis-support/faqs/ (call) and https://lifeinmind.org.au/news/lifelines-crisis-text-service-now-available-24-7 (text) (checked 2026-11); emergency: https://lifelineh2h.org.au/get-help/telephone-crisis-support/faqs/
    CountryLine {
        code: "AU",
        country: "Australia",
        name: "Lifeline",
        call: "13 11 14",
        text: "0477 13 11 14",
        emergency: "000",
    },
    // Source: https://zelfmoord1813.be/blog/chat-zelfmoordlijn-langer-geopend (checked 2026-11); emergency: https://www.aalter.be/noodoproepen and https://www.sos112.be/nl/faq-112.html
    CountryLine {
        code: "BE",
        country: "Belgium",
        name: "Zelfmoordlijn 1813",
        call: "1813",
        text: "",
        emergency: "112",
    },
    // Source: https://www.newswire.ca/news-releases/government-of-canada-launches-three-digit-suicide-crisis-helpline-896472116.html (Government of Canada release) (checked 2026-11); emergency: https://mentalhealthcommission.ca/catalyst/988-launches-in-canada/
    CountryLine {
        code: "CA",
        country: "Canada",
        name: "9-8-8: Suicide Crisis Helpline",
        call: "9-8-8",
        text: "9-8-8",
        emergency: "9-1-1",
    },
    // Source: https://www.bag-blueprint.ch/die-dargebotene-hand-tel-143 (checked 2026-11); emergency: https://stadt-zuerich.ch/web/de/stadtleben/notfall/notrufe/notruf-144.html (144 Sanitätsnotruf; 112 also works)
    CountryLine {
        code: "CH",
        country: "Switzerland",
        name: "Die Dargebotene Hand – Tel 143",
        call: "143",
        text: "",
        emergency: "144",
    },
    // Source: http://kirche-hochstadt.de/willkommen-neu/aktuelles/4260-das-angebot-der-telefonseelsorge and https://www.domradio.de/glossar/telefonseelsorge-0 (checked 2026-11); emergency: http://www.baden-baden.de/buergerservice/notlagen/unfaelle/feuerwehr-und-polizei/
    CountryLine {
        code: "DE",
        country: "Germany",
        name: "TelefonSeelsorge",
        call: "0800 111 0 111",
        text: "",
        emergency: "112",
    },
    // Source: RTVE (Spain's public broadcaster) on the Ministerio de Sanidad's launch of line 024, https://www.rtve.es/noticias/20220509/sanidad-presenta-telefono-prevencion-suicidio/2347183.shtml, and the BOE assignment of 024 (20 Dec 2021) as reported by https://maldita.es/index.php/malditaciencia/20220510/024-numero-telefono-atencion-suicidio-espana-gratuito (checked 2026-11); emergency: 112, the EU-wide number, https://www2.hse.ie/emergencies/when-to-call-112-or-999/ ("112 works in any EU country")
    CountryLine {
        code: "ES",
        country: "Spain",
        name: "024 Línea de atención a la conducta suicida",
        call: "024",
        text: "",
        emergency: "112",
    },
    // Source: http://mieli.fi/helpline and https://mentalhealth.fi/where-to-go-in-an-emergency (checked 2026-11); emergency: http://mieli.fi/helpline
    CountryLine {
        code: "FI",
        country: "Finland",
        name: "MIELI Kriisipuhelin",
        call: "09 2525 0111",
        text: "",
        emergency: "112",
    },
    // Source: https://3114.fr/que-se-passe-t-il-quand-je-contacte-le-3114/ and https://monenfant.fr./web/guest/3114%C2%A0-le-nouveau-num%C3%A9ro-national-de-pr%C3%A9vention-du-suicide (checked 2026-11); emergency: https://talmas.fr/vos-demarches/demarches-en-ligne/?xml=F33954 (Service-Public.fr Q&R)
    CountryLine {
        code: "FR",
        country: "France",
        name: "3114 – Numéro national de prévention du suicide",
        call: "3114",
        text: "",
        emergency: "112",
    },
    // Source: https://www.samaritans.org/how-we-can-help/contact-samaritan/ (checked 2026-11); emergency: https://www.lpft.nhs.uk/contact-us/need-help-now
    CountryLine {
        code: "GB",
        country: "United Kingdom",
        name: "Samaritans",
        call: "116 123",
        text: "",
        emergency: "999",
    },
    // Source: http://samaritans.org.hk/ and https://samaritans.org.hk/?lang=en&p=25592 and https://csrp.hku.hk/getting-help/ (checked 2026-11); emergency: https://www.police.gov.hk/ppp_en/01_about_us/pp_operation.html and https://csrp.hku.hk/getting-help/
    CountryLine {
        code: "HK",
        country: "Hong Kong",
        name: "The Samaritans 撒瑪利亞會",
        call: "2896 0000",
        text: "",
        emergency: "999",
    },
    // Source: https://www.samaritans.org/your-community/samaritans-ireland-scotland-and-wales/samaritans-ireland/journey and https://www.irishexaminer.com/breakingnews/ireland/samaritans-answer-29m-calls-since-2014-charity-to-play-crucial-role-in-new-mental-help-phone-service-914684.html (checked 2026-11); emergency: https://www2.hse.ie/emergencies/when-to-call-112-or-999/
    CountryLine {
        code: "IE",
        country: "Ireland",
        name: "Samaritans",
        call: "116 123",
        text: "",
        emergency: "112",
    },
    // Source: https://mykoho.jp/article/滋賀県野洲市/%e5%ba%83%e5%a0%b1%e3%82%84%e3%81%99-%e4%bb%a4%e5%92%8c6%e5%b9%b49%e6%9c%881%e6%97%a5%e5%8f%b7/9%e6%9c%8810%e6%97%a5%e7%81%ab%ef%bd%9e16%e6%97%a5%e7%a5%9d%e3%81%af%e3%80%8c%e8%87%aa%e6%ae%ba%e4%ba%88%e9%98%b2%e9%80%b1%e9%96%93%e3%80%8d-3 (Yasu City newsletter) and https://kotobank.jp/word/%E3%82%88%E3%82%8A%E3%81%9D%E3%81%84%E3%81%BB%E3%81%A4%E3%81%A8%E3%82%89%E3%81%84%E3%82%93-3193813 (checked 2026-11); emergency: https://www.city.odate.lg.jp/city/foreign-language/english/emergency-call
    CountryLine {
        code: "JP",
        country: "Japan",
        name: "よりそいホットライン",
        call: "0120-279-338",
        text: "",
        emergency: "119",
    },
    // Source: https://eiec.kdi.re.kr/policy/materialView.do?num=246730 (보건복지부 press release) and https://go.seoul.co.kr/news/prnewsView.php?id=410211&page=6&section=b_sec_1 (checked 2026-11); emergency: https://joongboo.org/news/articleView.html?idxno=363639888 (경기도소방재난본부 guidance)
    CountryLine {
        code: "KR",
        country: "South Korea",
        name: "자살예방상담전화 109",
        call: "109",
        text: "",
        emergency: "119",
    },
    // Source: https://www.113.nl/schoolopdracht (checked 2026-11); emergency: https://www.politie.nl/nieuws/2021/februari/11/08-als-elke-seconde-telt.html
    CountryLine {
        code: "NL",
        country: "Netherlands",
        name: "113 Zelfmoordpreventie",
        call: "113",
        text: "",
        emergency: "112",
    },
    // Source: https://helsenorge.no/sykdom/psykiske-lidelser/depresjon/selvmord-og-selvmordstanker (checked 2026-11); emergency: https://helsenorge.no/sykdom/psykiske-lidelser/depresjon/selvmord-og-selvmordstanker (113 medical emergency)
    CountryLine {
        code: "NO",
        country: "Norway",
        name: "Mental Helse Hjelpetelefonen",
        call: "116 123",
        text: "",
        emergency: "113",
    },
    // Source: https://www.health.govt.nz/news-media/news-items/phone-counselling-service-busy-following-christchurch-tragedy (checked 2026-11); emergency: https://www.govt.nz/browse/crime-and-justice/crimes-and-emergencies/111-emergency-service/
    CountryLine {
        code: "NZ",
        country: "New Zealand",
        name: "Need to talk? 1737",
        call: "1737",
        text: "1737",
        emergency: "111",
    },
    // Source: https://doh.gov.ph/press-release/launch-of-the-ncmh-crisis-hotline/ and https://www.sunstar.com.ph/cebu/nearly-700-call-ncmh-during-the-holidays (checked 2026-11); emergency: https://mb.com.ph/2025/09/12/unified-911-emergency-hotline-to-be-fully-operational-this-year-dilg (DILG Unified 911, press report)
    CountryLine {
        code: "PH",
        country: "Philippines",
        name: "NCMH Crisis Hotline",
        call: "0917 899 8727",
        text: "",
        emergency: "911",
    },
    // Source: http://www.kronprinsessparetsstiftelse.se/projekt/sjalvmordsupplysningen.html and https://www.corren.se/nyheter/sjalvmord-ar-vanligast-bland-aldre-man-om5530243.aspx (lists "Källa: mind.se") (checked 2026-11); emergency: https://www.sosalarm.se/112
    CountryLine {
        code: "SE",
        country: "Sweden",
        name: "Självmordslinjen",
        call: "90101",
        text: "",
        emergency: "112",
    },
    // Source: https://health.wyo.gov/publichealth/prevention/wivpp/suicide-prevention/988-suicide-crisis-lifeline and SAMHSA 988 FAQs (samhsa.gov/mental-health/988/faqs, stored copy at https://samhsa-main-prod-ext-alb-197684657.us-east-1.elb.amazonaws.com/mental-health/988/faqs) (checked 2026-11); emergency: https://health.wyo.gov/publichealth/prevention/wivpp/suicide-prevention/988-suicide-crisis-lifeline
    CountryLine {
        code: "US",
        country: "United States",
        name: "988 Suicide & Crisis Lifeline",
        call: "988",
        text: "988",
        emergency: "911",
    },
];
