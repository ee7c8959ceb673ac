//! The built-in table of national crisis lines. Every number is taken from a
//! page quoted in the row's `// Source:` comment: the service's own site (one
//! of its offices, or the body that runs it) or a government or public-health
//! page. A row whose line could only be found on other pages (news, a town
//! newsletter) says so in its comment and has an empty `checked`, so Glimmer
//! claims no check for it. Countries with no such page are left out rather
//! than guessed.

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
    /// Month (`YYYY-MM`) every number of the row was last checked against the
    /// pages in its source comment; "" when no such page could be found.
    pub checked: &'static str,
    /// Further lines: a second language, a second number of the same service.
    pub more: &'static [OtherLine],
}

/// A further line beside a country's main one.
pub struct OtherLine {
    /// Who or what it is for, in a few words that can start a sentence: "In French".
    pub about: &'static str,
    pub name: &'static str,
    pub call: &'static str,
    /// Number to text (SMS), "" when none.
    pub text: &'static str,
}

pub const COUNTRY_LINES: &[CountryLine] = &[
    // Source: https://rtr.at/TKP/was_wir_tun/telekommunikation/konsumentenservice/information/informationen_fuer_konsumenten/TKKS_Notrufe.de.html (RTR, the Austrian telecoms regulator: "142 | Telefonseelsorge", "144 | Rettungsdienst", "Notrufnummern können von jedem Telefon kostenlos angerufen werden. Sie sind rund um die Uhr erreichbar."); https://www.katholisch.at/telefonseelsorge (the Catholic Church in Austria, one of the churches that run the service: "Unter der Rufnummer 142 ist die Telefonseelsorge in ganz Österreich rund um die Uhr und kostenlos zu erreichen.")
    CountryLine {
        code: "AT",
        country: "Austria",
        name: "TelefonSeelsorge",
        call: "142",
        text: "",
        emergency: "144",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://lifelineh2h.org.au/get-help/telephone-crisis-support/faqs/ (a Lifeline centre: "What happens when I call 13 11 14?", "If you are in immediate danger call 000."); https://www.cclhd.health.nsw.gov.au/Pages/Where-to-go-if-you-are-hurt-or-sick.aspx (NSW Health, Central Coast: "You can also phone Lifeline on 13 11 14 for help 24 hours a day, 7 days a week if you are thinking about suicide", "call Triple Zero (000)"); text: https://lifeinmind.org.au/news/lifelines-crisis-text-service-now-available-24-7 (Life in Mind, a programme funded by the Australian Department of Health, not a government page itself: "Call 13 11 14", "Text 0477 13 11 14")
    CountryLine {
        code: "AU",
        country: "Australia",
        name: "Lifeline",
        call: "13 11 14",
        text: "0477 13 11 14",
        emergency: "000",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://zelfmoord1813.be/blog/chat-zelfmoordlijn-langer-geopend (the line's own site: "De Zelfmoordlijn is bereikbaar via telefoon op het nummer 1813 (24/7)"); French line: https://www.preventionsuicide.be/fr/activitescps/ligne0800.html (the Centre's own site, stored copy at http://: "Ligne de crise 0800 32 123", "Quelqu'un vous écoute, 24 heures sur 24, dans l'anonymat"); emergency: https://europa.eu/youreurope/citizens/travel/safety/emergency/index_pt.htm (European Union, stored copy at http://: "O 112 é o número de emergência da UE para o qual pode ligar gratuitamente de um telefone fixo ou de um telemóvel, em qualquer país da UE")
    CountryLine {
        code: "BE",
        country: "Belgium",
        name: "Zelfmoordlijn 1813",
        call: "1813",
        text: "",
        emergency: "112",
        checked: "2026-12",
        more: &[OtherLine {
            about: "In French",
            name: "Centre de Prévention du Suicide",
            call: "0800 32 123",
            text: "",
        }],
    },
    // Source: https://mentalhealthcommission.ca/catalyst/988-launches-in-canada/ (Mental Health Commission of Canada: "If you are in distress, you can call or text 988 at any time. If it is an emergency, call 9-1-1 or go to your local emergency department."); the Government of Canada's launch release as carried by https://www.newswire.ca/news-releases/government-of-canada-launches-three-digit-suicide-crisis-helpline-896472116.html ("9-8-8, Canada's new three-digit suicide crisis helpline, is now available to call or text, in English and French, 24 hours a day and seven days a week")
    CountryLine {
        code: "CA",
        country: "Canada",
        name: "9-8-8: Suicide Crisis Helpline",
        call: "9-8-8",
        text: "9-8-8",
        emergency: "9-1-1",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://winterthur.143.ch/Beratung/Beratungsangebot/Copy_of_Nacht (a regional office of the service: "gegen die Hälfte aller Gespräche mit Tel 143 werden zu Zeiten geführt, in denen andere Hilfsangebote nicht oder nur schwer zu erreichen sind", "unser Telefon ruht nie!"); https://www.143.ch/unsere-geschichte/ ("Notrufnummer 143"); emergency: https://stadt-zuerich.ch/web/de/stadtleben/notfall/notrufe/notruf-144.html (City of Zurich, whose Schutz & Rettung answers 144: "Die Sanitätsnotrufnummer 144 können Sie rund um die Uhr für sämtliche medizinischen Notfälle wählen.")
    CountryLine {
        code: "CH",
        country: "Switzerland",
        name: "Die Dargebotene Hand – Tel 143",
        call: "143",
        text: "",
        emergency: "144",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://www.telefonseelsorge-dueren.de/details-2333/woche-fuer-das-leben-suizidpraevention.html (TelefonSeelsorge Düren, one of the service's own offices: "In der TelefonSeelsorge sind geschulte Gesprächspartnerinnen und Gesprächspartner, die Ihnen zuhören: Telefon 0800- 1110111 oder 0800- 1110222."); emergency: https://europa.eu/youreurope/citizens/travel/safety/emergency/index_pt.htm (European Union: 112 "em qualquer país da UE")
    CountryLine {
        code: "DE",
        country: "Germany",
        name: "TelefonSeelsorge",
        call: "0800 111 0 111",
        text: "",
        emergency: "112",
        checked: "2026-12",
        more: &[OtherLine {
            about: "Second number",
            name: "TelefonSeelsorge",
            call: "0800 111 0 222",
            text: "",
        }],
    },
    // Source: https://www.rtve.es/noticias/20220509/sanidad-presenta-telefono-prevencion-suicidio/2347183.shtml (RTVE, the public broadcaster, on the Ministerio de Sanidad's launch: "la línea 024 de atención a las conductas suicidas", "disponible las 24 horas durante los siete días de la semana") and https://maldita.es/index.php/malditaciencia/20220510/024-numero-telefono-atencion-suicidio-espana-gratuito (on the BOE of 20 December 2021). No page of the Ministerio de Sanidad, of the BOE or of the line itself is in the stored copies, so the row claims no check. Emergency: https://europa.eu/youreurope/citizens/travel/safety/emergency/index_pt.htm (European Union: 112 "em qualquer país da UE")
    CountryLine {
        code: "ES",
        country: "Spain",
        name: "024 Línea de atención a la conducta suicida",
        call: "024",
        text: "",
        emergency: "112",
        checked: "",
        more: &[],
    },
    // Source: https://mieli.fi/helpline (MIELI Mental Health Finland's own page, stored copy at http://: "MIELI Crisis Helpline offers help also in Finnish (09 2525 0111)", "please call the emergency number 112")
    CountryLine {
        code: "FI",
        country: "Finland",
        name: "MIELI Kriisipuhelin",
        call: "09 2525 0111",
        text: "",
        emergency: "112",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://www.mayotte.ars.sante.fr/3114-le-numero-national-de-prevention-du-suicide (Agence régionale de santé: "Numéro d’appel : 3114", "Horaires : 24h/24 et 7j/7", "Couverture : depuis la France métropolitaine et l’outre-mer"); emergency: https://www.sdis04.fr/quels-numeros-composer-18-112-15-ou-17/ (a département's public fire and rescue service: "Le 112 est le numéro de téléphone réservé aux appels d’urgence dans l’ensemble de l’Union européenne.")
    CountryLine {
        code: "FR",
        country: "France",
        name: "3114 – Numéro national de prévention du suicide",
        call: "3114",
        text: "",
        emergency: "112",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://www.samaritans.org/how-we-can-help/contact-samaritan/ (the service's own page: "You do not need to have any credit or call allowance on your plan to call 116 123."); emergency: https://www.lpft.nhs.uk/contact-us/need-help-now (Lincolnshire Partnership NHS Foundation Trust: "If you or someone you know requires immediate assistance for serious or life-threatening emergency mental or physical health, please call 999")
    CountryLine {
        code: "GB",
        country: "United Kingdom",
        name: "Samaritans",
        call: "116 123",
        text: "",
        emergency: "999",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://samaritans.org.hk/ (the service's own site, stored copy at http://: "Tel 2896 0000", "we are always here for our callers, 24 hours a day, 365 days a year"); emergency: https://csrp.hku.hk/getting-help/ (the University of Hong Kong's Centre for Suicide Research and Prevention: "please call 999 to speak to the emergency services in Hong Kong", "The Samaritans ... 2896 0000")
    CountryLine {
        code: "HK",
        country: "Hong Kong",
        name: "The Samaritans 撒瑪利亞會",
        call: "2896 0000",
        text: "",
        emergency: "999",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://www.samaritans.org/how-we-can-help/contact-samaritan/ (Samaritans, whose site serves Samaritans Ireland too: "You do not need to have any credit or call allowance on your plan to call 116 123."); emergency: https://www2.hse.ie/emergencies/when-to-call-112-or-999/ (HSE: "Phone the emergency services by calling 112 or 999 from any phone.", "112 works in any EU country and from any phone.")
    CountryLine {
        code: "IE",
        country: "Ireland",
        name: "Samaritans",
        call: "116 123",
        text: "",
        emergency: "112",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://kotobank.jp/word/%E3%82%88%E3%82%8A%E3%81%9D%E3%81%84%E3%81%BB%E3%81%A4%E3%81%A8%E3%82%89%E3%81%84%E3%82%93-3193813 (Kyodo News glossary: "24時間年中無休の無料電話相談", "3県以外は同(0120)279338") and Yasu City's newsletter on mykoho.jp ("よりそいホットライン(24時間365日の無料電話相談)【電話】0120-279-338"). No page of the line's operator or of the Ministry of Health, Labour and Welfare is in the stored copies, so the row claims no check; the suicide-specific line is left out for the same reason. Emergency: https://www.city.odate.lg.jp/city/foreign-language/english/emergency-call (Odate City)
    CountryLine {
        code: "JP",
        country: "Japan",
        name: "よりそいホットライン",
        call: "0120-279-338",
        text: "",
        emergency: "119",
        checked: "",
        more: &[],
    },
    // Source: https://eiec.kdi.re.kr/policy/materialView.do?num=246730 (the Ministry of Health and Welfare's release of 2 January 2024, 보건복지부 건강정책국 자살예방정책과, as published by KDI's Economic Information and Education Center: "기억하기 쉬운 3자리 자살예방 상담전화〔109〕를 운영", "〔109〕는 119와 같이 자살이 ‘구조가 필요한 긴급한 상황’이라는 인식을 주며")
    CountryLine {
        code: "KR",
        country: "South Korea",
        name: "자살예방상담전화 109",
        call: "109",
        text: "",
        emergency: "119",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://www.113.nl/schoolopdracht (the line's own site: "Denk je aan zelfdoding? We zijn er voor je.", "Bel gratis 113"); emergency: https://www.politie.nl/nieuws/2021/februari/11/08-als-elke-seconde-telt.html (Politie: "het nummer dat je kunt gebruiken wanneer elke seconde telt, 112")
    CountryLine {
        code: "NL",
        country: "Netherlands",
        name: "113 Zelfmoordpreventie",
        call: "113",
        text: "",
        emergency: "112",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://helsenorge.no/sykdom/psykiske-lidelser/depresjon/selvmord-og-selvmordstanker (Helsenorge, the public health portal: "Hjelpetelefoner: Mental Helse: 116 123", "Hvis situasjonen er akutt må du ta kontakt med legevakten der du bor, eller ringe 113")
    CountryLine {
        code: "NO",
        country: "Norway",
        name: "Mental Helse Hjelpetelefonen",
        call: "116 123",
        text: "",
        emergency: "113",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://www.health.govt.nz/news-media/news-items/phone-counselling-service-busy-following-christchurch-tragedy (Ministry of Health: "call or text 1737 anytime day or night to talk to a trained counsellor"); emergency: https://www.govt.nz/browse/crime-and-justice/crimes-and-emergencies/111-emergency-service/ ("If you need help from the police, the fire service, or you need an ambulance, dial 111")
    CountryLine {
        code: "NZ",
        country: "New Zealand",
        name: "Need to talk? 1737",
        call: "1737",
        text: "1737",
        emergency: "111",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://doh.gov.ph/press-release/launch-of-the-ncmh-crisis-hotline/ (Department of Health: "the new NCMH CRISIS HOTLINE, which can be reached at 0917 899 8727 (USAP) and 989 8727 (USAP) operated 24/7"); emergency: https://e911.gov.ph/executive-directors-message/ (Emergency 911 Commission: "the National Telecommunications Commission (NTC) provided the code “911” as the Emergency Hotline Number nationwide"). The hotline's 1553 is on news pages only, so it is left out.
    CountryLine {
        code: "PH",
        country: "Philippines",
        name: "NCMH Crisis Hotline",
        call: "0917 899 8727",
        text: "",
        emergency: "911",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://www.sns24.gov.pt/en/servico/aconselhamento-psicologico-no-sns-24/ (SNS 24, the National Health Service line: "The number you should call is SNS 24 – 808242424. Then you should select option 4 (psychological counseling).", "The service is available 24/7.", "This service is performed by clinical psychologists."); emergency: https://europa.eu/youreurope/citizens/travel/safety/emergency/index_pt.htm (European Union: 112 "em qualquer país da UE")
    CountryLine {
        code: "PT",
        country: "Portugal",
        name: "SNS 24 – Aconselhamento psicológico (opção 4)",
        call: "808 24 24 24",
        text: "",
        emergency: "112",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://newsroom.notified.com/mind-1/posts/pressreleases/vasterbotten-har-bast-psykisk-halsa-enligt-mi (the press room of Mind, which runs the line: "Mind driver Självmordslinjen sedan den 7 oktober (2015), en stödlinje för självmordsnära på telefon 90101", "Självmordslinjen (tel: 90101 chatt: mind.se)"); emergency: https://europa.eu/youreurope/citizens/travel/safety/emergency/index_pt.htm (European Union: 112 "em qualquer país da UE")
    CountryLine {
        code: "SE",
        country: "Sweden",
        name: "Självmordslinjen",
        call: "90101",
        text: "",
        emergency: "112",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://www.moh.gov.sg/newsroom/national-mindline-1771-to-provide--round-the-clock-support-for-mental-health (Ministry of Health, 18 June 2025: "round-the-clock support for mental health ... via national mindline 1771", "Telephone hotline by dialling 1771"); emergency: https://www.scdf.gov.sg/home/about-us/information-on-ems/scdf-emergency-medical-services (Singapore Civil Defence Force: "Call 995 Only For Emergencies")
    CountryLine {
        code: "SG",
        country: "Singapore",
        name: "national mindline 1771",
        call: "1771",
        text: "",
        emergency: "995",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://www.samhsa.gov/find-help/988/faqs (SAMHSA: "If you or someone you know is struggling or in crisis, help is available. Call or text 988"); emergency: https://oss.colorado.gov/news-article/988-and-911-getting-the-right-support-in-a-crisis (State of Colorado: "Call 911 for medical emergencies, fires, crimes in progress, or life-threatening situations.")
    CountryLine {
        code: "US",
        country: "United States",
        name: "988 Suicide & Crisis Lifeline",
        call: "988",
        text: "988",
        emergency: "911",
        checked: "2026-12",
        more: &[],
    },
    // Source: https://www.sadag.org/index.php?option=com_content&view=article&id=3141:world-mental-health-day-7-october-2020&catid=149:press-releases&Itemid=601 (SADAG, which runs the line: "24-HOUR TOLL-FREE EMERGENCY HELPLINES", "Suicide Crisis Helpline 0800 567 567"); emergency: https://www.saps.gov.za/services/cc_10111.php (South African Police Service: "This call centre must be called in case of police emergencies.", "The calls can be made on a landline - these calls are free, or from a cell phone")
    CountryLine {
        code: "ZA",
        country: "South Africa",
        name: "SADAG Suicide Crisis Helpline",
        call: "0800 567 567",
        text: "",
        emergency: "10111",
        checked: "2026-12",
        more: &[],
    },
];
